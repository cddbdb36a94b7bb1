using OmniErp.Customers.Accounts;
using OmniErp.Customers.Loyalty;
using OmniErp.Customers.Profiles;
using OmniErp.Customers.Seeding;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace OmniErp.IntegrationTests.Customers;

public sealed class SeedTests
{
    [SkippableTheory, Databases]
    public async Task The_demo_customers_have_valid_unique_phones_consistent_points_and_working_demo_accounts(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var count = await app.ScalarAsync<long>("SELECT COUNT(*) FROM customers.customers");
        Assert.True(count >= 300, $"{count} customers");
        var phones = (await app.QueryAsync<string>("SELECT phone FROM customers.customers")).ToList();
        Assert.All(phones, p => Assert.Equal(p, PhoneNumber.Normalize(p)));
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM customers.customers WHERE tier <> 'Member'") > 0);
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM (SELECT customer_id FROM customers.purchases GROUP BY customer_id HAVING COUNT(DISTINCT channel) > 1) x") > 0);

        var findings = await app.InScopeAsync(sp => sp.GetServices<IVerification>().OfType<PointsVerification>().Single().VerifyAsync(CancellationToken.None));
        Assert.Empty(findings);
        var (phone, _, _) = CustomerSeed.DemoAccounts[0];
        Assert.True((await app.SendAsync(new SignInCustomer(phone, CustomerSeed.DemoPassword))).Succeeded);
    }
}
