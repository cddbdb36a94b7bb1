using OmniErp.Customers.Contracts;
using OmniErp.Orders.Contracts;

namespace OmniErp.IntegrationTests.Customers.Support;

/// <summary>Order events as the Orders module publishes them, for scenarios that only need the facts.</summary>
public static class Shop
{
    private static long _nextOrder = 900_000_000; // far above any demo order id

    public static long NextOrderId() => Interlocked.Increment(ref _nextOrder);

    public static OrderPaid Paid(long customerId, decimal amount, DateTimeOffset at, string channel = "web", long? orderId = null)
    {
        var id = orderId ?? NextOrderId();
        return new OrderPaid(id, $"SO-{id}", channel, customerId, "VND", amount, at);
    }

    public static OrderReturned Returned(OrderPaid paid, decimal refund, DateTimeOffset at) =>
        new(paid.OrderId, paid.Number, paid.CustomerId, paid.Currency, refund, at);

    public static async Task<CustomerSummary> CustomerAsync(this CustomersHost host, string phone, string? name = null, string channel = "store") =>
        await host.SendAsync(new FindOrCreateCustomer(phone, null, name ?? "Khách " + phone, channel));

    public static Task<long> BalanceAsync(this CustomersHost host, long customerId) =>
        host.ScalarAsync<long>("SELECT points_balance FROM customers.customers WHERE id = @customerId", new { customerId });

    public static Task<long> LedgerSumAsync(this CustomersHost host, long customerId) =>
        host.ScalarAsync<long>("SELECT COALESCE(SUM(points), 0) FROM customers.points_ledger WHERE customer_id = @customerId", new { customerId });
}
