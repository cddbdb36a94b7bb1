using OmniErp.Customers.Contracts;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class IdentityResolutionTests
{
    [SkippableTheory, Databases]
    public async Task A_POS_customer_given_by_phone_is_the_same_customer_in_any_phone_format(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var pos = await host.SendAsync(new FindOrCreateCustomer("0912 345 678", null, "Nguyễn Thị Lan", "store"));
        var web = await host.SendAsync(new FindOrCreateCustomer("+84 912 345 678", null, null, "web"));
        var market = await host.SendAsync(new FindOrCreateCustomer("84912345678", null, null, "shopee"));

        Assert.Equal(pos.Id, web.Id);
        Assert.Equal(pos.Id, market.Id);
        Assert.Equal("+84912345678", pos.Phone);
        Assert.Equal("Nguyễn Thị Lan", market.Name);
        var channels = await host.QueryAsync<string>("SELECT channel FROM customers.customer_channels WHERE customer_id = @Id ORDER BY channel", new { pos.Id });
        Assert.Equal(["shopee", "store", "web"], channels);
        Assert.Equal(1L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.customers"));
    }

    [SkippableTheory, Databases]
    public async Task A_customer_known_by_email_gains_the_phone_they_give_later_and_is_found_by_either(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var web = await host.SendAsync(new FindOrCreateCustomer(null, "Lan.Nguyen@Gmail.com", "Lan", "web"));
        var both = await host.SendAsync(new FindOrCreateCustomer("0912345678", "lan.nguyen@gmail.com", null, "store"));
        var byPhone = await host.SendAsync(new FindOrCreateCustomer("+84912345678", null, null, "store"));

        Assert.Equal(web.Id, both.Id);
        Assert.Equal(web.Id, byPhone.Id);
        Assert.Equal("lan.nguyen@gmail.com", byPhone.Email);
        Assert.Equal("+84912345678", byPhone.Phone);
    }

    [SkippableTheory, Databases]
    public async Task A_phone_and_an_email_of_two_different_customers_resolve_to_the_phone_owner_without_stealing_the_email(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var byPhone = await host.SendAsync(new FindOrCreateCustomer("0987 654 321", null, "Trần Văn Minh", "store"));
        var byEmail = await host.SendAsync(new FindOrCreateCustomer(null, "minh@example.vn", "Minh", "web"));

        var resolved = await host.SendAsync(new FindOrCreateCustomer("0987654321", "minh@example.vn", null, "web"));

        Assert.Equal(byPhone.Id, resolved.Id);
        Assert.Null(resolved.Email);
        Assert.Equal("minh@example.vn", (await host.SendAsync(new GetCustomer(byEmail.Id)))!.Email);
    }

    [SkippableTheory, Databases]
    public async Task Many_simultaneous_creates_for_one_phone_yield_one_customer(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var formats = new[] { "0912 345 678", "+84912345678", "84912345678", "0084 912 345 678" };
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => host.SendAsync(new FindOrCreateCustomer(formats[i % formats.Length], null, $"Khách {i}", i % 2 == 0 ? "store" : "web")))));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.customers"));
        Assert.Single(await host.OutboxEventsAsync<CustomerRegistered>());
    }

    [SkippableTheory, Databases]
    public async Task A_number_that_is_not_Vietnamese_is_refused_with_the_field_named(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var ex = await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new FindOrCreateCustomer("12345", null, null, "store")));
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Contains(ex.Errors, e => e.Field == "Phone");
        await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new FindOrCreateCustomer(null, null, "Ai đó", "store")));
        Assert.Equal(0L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.customers"));
    }

    [SkippableTheory, Databases]
    public async Task The_database_refuses_a_second_customer_with_the_same_normalized_phone(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        await host.SendAsync(new FindOrCreateCustomer("0912345678", null, null, "store"));
        await Assert.ThrowsAnyAsync<Exception>(() => host.ExecuteAsync(
            "INSERT INTO customers.customers (name, phone, first_channel, created_at, updated_at) VALUES ('x', '+84912345678', 'web', @now, @now)",
            new { now = host.Clock.GetUtcNow() }));
    }
}
