using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Loyalty;
using Microsoft.Extensions.Options;
using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Profiles;

internal sealed class GetCustomerHandler(DbSession session) : IRequestHandler<GetCustomer, CustomerSummary?>
{
    public async Task<CustomerSummary?> Handle(GetCustomer request, CancellationToken cancellationToken) =>
        await CustomerDirectory.LiveSummaryAsync(session, request.CustomerId, cancellationToken);
}

internal sealed class ListCustomersHandler(DbSession session) : IRequestHandler<ListCustomers, IReadOnlyList<CustomerSummary>>
{
    public async Task<IReadOnlyList<CustomerSummary>> Handle(ListCustomers request, CancellationToken cancellationToken) =>
        (await session.QueryAsync<CustomerDirectory.SummaryRow>(
            $"SELECT {CustomerDirectory.SummaryColumns} FROM customers.customers WHERE merged_into_id IS NULL ORDER BY id LIMIT @Limit OFFSET @Offset",
            new { Limit = Math.Clamp(request.Limit, 1, 10_000), Offset = Math.Max(0, request.Offset) }, cancellationToken))
            .Select(r => r.ToSummary()).ToList();
}

internal sealed class GetPointsValueHandler(IOptions<CustomersOptions> options) : IRequestHandler<GetPointsValue, decimal>
{
    public Task<decimal> Handle(GetPointsValue request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Points <= 0 ? 0m : LoyaltyRules.ValueOf(request.Points, options.Value.Loyalty));
}
