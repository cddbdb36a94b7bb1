using OmniErp.Customers.Accounts;
using OmniErp.Customers.Contracts;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class AccountTests
{
    private const string Password = "mat-khau-2026";

    [SkippableTheory, Databases]
    public async Task A_web_sign_up_with_the_phone_of_a_POS_customer_lands_on_that_customer_with_their_points(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var pos = await host.CustomerAsync("0912 345 678", "Nguyễn Thị Lan");
        await host.PublishAsync(Shop.Paid(pos.Id, 1_000_000m, host.Clock.GetUtcNow(), "store"));

        var tokens = await host.SendAsync(new RegisterCustomer("Nguyễn Thị Lan", "+84912345678", "lan@example.vn", Password, "web", MarketingConsent: true));

        Assert.Equal(pos.Id, tokens.CustomerId);
        Assert.Equal(pos.Id, await host.SendAsync(new AuthenticateCustomer(tokens.AccessToken)));
        Assert.Equal(100, (await host.SendAsync(new GetLoyaltyStatus(tokens.CustomerId)))!.Balance);
        var consent = await host.QueryAsync<string>("SELECT channel || '|' || source FROM customers.consents WHERE customer_id = @Id", new { pos.Id });
        Assert.Equal(["web|web:sign-up"], consent);
    }

    [SkippableTheory, Databases]
    public async Task A_second_sign_up_for_the_same_phone_is_refused(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        await host.SendAsync(new RegisterCustomer("Lan", "0912345678", null, Password, "web"));
        var ex = await Assert.ThrowsAsync<AppException>(() => host.SendAsync(new RegisterCustomer("Kẻ khác", "84912345678", null, "another-password", "web")));
        Assert.Equal("ALREADY_REGISTERED", ex.Errors[0].Code);
        Assert.True((await host.SendAsync(new SignInCustomer("0912 345 678", Password))).Succeeded);
    }

    [SkippableTheory, Databases]
    public async Task Sign_in_works_with_any_phone_format_or_the_email_and_the_password_is_stored_hashed(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var registered = await host.SendAsync(new RegisterCustomer("Lan", "0912345678", "Lan@Example.vn", Password, "web"));

        foreach (var login in new[] { "0912 345 678", "+84912345678", "84912345678", "lan@example.vn", " LAN@EXAMPLE.VN " })
        {
            var outcome = await host.SendAsync(new SignInCustomer(login, Password));
            Assert.True(outcome.Succeeded, login);
            Assert.Equal(registered.CustomerId, outcome.Tokens!.CustomerId);
        }
        var stored = await host.ScalarAsync<string>("SELECT password_hash FROM customers.customers WHERE id = @CustomerId", new { registered.CustomerId });
        Assert.DoesNotContain(Password, stored);
        Assert.Equal(0L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.sessions WHERE access_hash = @AccessToken OR refresh_hash = @RefreshToken", registered));
    }

    [SkippableTheory, Databases]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lockout_ends(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        await host.SendAsync(new RegisterCustomer("Lan", "0912345678", null, Password, "web"));

        for (var i = 0; i < 4; i++)
            Assert.Equal(TokenOutcome.InvalidCredentials, (await host.SendAsync(new SignInCustomer("0912345678", "wrong-" + i))).Failure);
        Assert.Equal(TokenOutcome.LockedOut, (await host.SendAsync(new SignInCustomer("0912345678", "wrong-5"))).Failure);
        Assert.Equal(TokenOutcome.LockedOut, (await host.SendAsync(new SignInCustomer("0912345678", Password))).Failure);

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True((await host.SendAsync(new SignInCustomer("0912345678", Password))).Succeeded);
    }

    [SkippableTheory, Databases]
    public async Task An_unknown_login_and_a_wrong_password_fail_alike(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        await host.SendAsync(new RegisterCustomer("Lan", "0912345678", null, Password, "web"));
        Assert.Equal(TokenOutcome.InvalidCredentials, (await host.SendAsync(new SignInCustomer("0987654321", Password))).Failure);
        Assert.Equal(TokenOutcome.InvalidCredentials, (await host.SendAsync(new SignInCustomer("0912345678", "nope-nope"))).Failure);
    }

    [SkippableTheory, Databases]
    public async Task An_access_token_expires_and_a_refresh_rotates_both_tokens(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var first = await host.SendAsync(new RegisterCustomer("Lan", "0912345678", null, Password, "web"));

        host.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(await host.SendAsync(new AuthenticateCustomer(first.AccessToken)));

        var refreshed = await host.SendAsync(new RefreshCustomerToken(first.RefreshToken));
        Assert.True(refreshed.Succeeded);
        Assert.NotEqual(first.RefreshToken, refreshed.Tokens!.RefreshToken);
        Assert.Equal(first.CustomerId, await host.SendAsync(new AuthenticateCustomer(refreshed.Tokens.AccessToken)));
        Assert.False((await host.SendAsync(new RefreshCustomerToken(first.RefreshToken))).Succeeded);
    }

    [SkippableTheory, Databases]
    public async Task Reusing_a_rotated_refresh_token_revokes_every_session_of_the_customer(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var first = await host.SendAsync(new RegisterCustomer("Lan", "0912345678", null, Password, "web"));
        var second = (await host.SendAsync(new RefreshCustomerToken(first.RefreshToken))).Tokens!;

        Assert.False((await host.SendAsync(new RefreshCustomerToken(first.RefreshToken))).Succeeded);

        Assert.Null(await host.SendAsync(new AuthenticateCustomer(second.AccessToken)));
        Assert.False((await host.SendAsync(new RefreshCustomerToken(second.RefreshToken))).Succeeded);
    }

    [SkippableTheory, Databases]
    public async Task Signing_out_ends_the_session_and_garbage_tokens_authenticate_nobody(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var tokens = await host.SendAsync(new RegisterCustomer("Lan", "0912345678", null, Password, "web"));
        Assert.True(await host.SendAsync(new SignOutCustomer(tokens.AccessToken)));
        Assert.Null(await host.SendAsync(new AuthenticateCustomer(tokens.AccessToken)));
        Assert.Null(await host.SendAsync(new AuthenticateCustomer("")));
        Assert.Null(await host.SendAsync(new AuthenticateCustomer(tokens.RefreshToken)));
        Assert.Null(await host.SendAsync(new AuthenticateCustomer(new string('x', 5000))));
    }
}
