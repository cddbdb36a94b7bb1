using MediatR;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Customers;

internal sealed record CustomerListRow(long Id, string Name, string? Phone, string? Email, string Tier, string Group, long Points, int Channels, DateTimeOffset CreatedAt);

internal sealed record CustomerPage(string? Query, int Page, int PageSize, long Total, IReadOnlyList<CustomerListRow> Rows)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Back-office search: a phone in any format finds its owner exactly; otherwise name or email contains the text
/// (case-insensitive). Merged-away customers are not listed.
/// </summary>
internal sealed record SearchCustomers(string? Query, int Page = 1, int PageSize = 50) : IQuery<CustomerPage>;

internal sealed class SearchCustomersHandler(DbSession session) : IRequestHandler<SearchCustomers, CustomerPage>
{
    public async Task<CustomerPage> Handle(SearchCustomers request, CancellationToken cancellationToken)
    {
        var text = request.Query?.Trim();
        var phone = PhoneNumber.Normalize(text);
        var where = "c.merged_into_id IS NULL";
        if (phone is not null) where += " AND c.phone = @phone";
        else if (!string.IsNullOrEmpty(text)) where += $" AND (c.name {session.Dialect.ILike} @like OR c.email LIKE @likeLower OR c.phone LIKE @digits)";
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        var param = new
        {
            phone,
            like = $"%{text}%",
            likeLower = $"%{text?.ToLowerInvariant()}%",
            digits = digits.Length >= 3 ? $"%{digits.TrimStart('0')}%" : "-",
            limit = Math.Clamp(request.PageSize, 1, 200),
            offset = (Math.Max(1, request.Page) - 1) * Math.Clamp(request.PageSize, 1, 200),
        };
        var total = await session.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM customers.customers c WHERE {where}", param, cancellationToken);
        var rows = await session.QueryAsync<Row>(
            $"""
            SELECT c.id AS Id, c.name AS Name, c.phone AS Phone, c.email AS Email, c.tier AS Tier, c.group_code AS GroupCode, c.points_balance AS Points,
                   (SELECT COUNT(*) FROM customers.customer_channels cc WHERE cc.customer_id = c.id) AS Channels, c.created_at AS CreatedAt
            FROM customers.customers c WHERE {where}
            ORDER BY c.id DESC LIMIT @limit OFFSET @offset
            """, param, cancellationToken);
        return new CustomerPage(text, Math.Max(1, request.Page), param.limit, total,
            rows.Select(r => new CustomerListRow(r.Id, r.Name, r.Phone, r.Email, r.Tier, r.GroupCode, r.Points, r.Channels, r.CreatedAt)).ToList());
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public string Tier { get; init; } = "";
        public string GroupCode { get; init; } = "";
        public long Points { get; init; }
        public int Channels { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
