using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Pricing.Quotes;

namespace OmniErp.Pricing.Prices;

/// <summary>The price list: base price, key-item flag and channel overrides per SKU, a page at a time.</summary>
internal sealed record ListPrices(string? Q = null, bool KeyOnly = false, int Page = 1, int PageSize = 50) : IQuery<PriceListPage>;

internal sealed record PriceListRow(string Sku, string Name, decimal BasePrice, bool KeyItem, IReadOnlyDictionary<string, decimal> Overrides);

internal sealed record PriceListPage(IReadOnlyList<PriceListRow> Rows, long Total, int Page, int PageSize)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal sealed class ListPricesHandler(DbSession session, IMediator mediator) : IRequestHandler<ListPrices, PriceListPage>
{
    public async Task<PriceListPage> Handle(ListPrices r, CancellationToken ct)
    {
        var size = Math.Clamp(r.PageSize, 10, 200);
        var page = Math.Max(1, r.Page);
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(r.Q)) where.Add("b.sku LIKE @q");
        if (r.KeyOnly) where.Add("b.key_item = " + (session.Dialect.IsPostgres ? "true" : "1"));
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var args = new { q = (r.Q ?? "").Trim().ToUpperInvariant() + "%", limit = size, offset = (page - 1) * size };
        var rows = (await session.QueryAsync<(string Sku, decimal Price, bool KeyItem)>(
            $"SELECT b.sku, b.price, b.key_item FROM pricing.base_prices b {filter} ORDER BY b.sku LIMIT @limit OFFSET @offset", args, ct)).ToList();
        var total = await session.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM pricing.base_prices b {filter}", args, ct);
        var skus = rows.Select(x => x.Sku).ToArray();
        var overrides = skus.Length == 0 ? [] : (await session.QueryAsync<(string Sku, string Channel, decimal Price)>(
            Data.ListParameters.Lists(session.Dialect, "SELECT sku, channel, price FROM pricing.channel_prices WHERE sku IN @skus"), new { skus = Data.ListParameters.ListValue(session.Dialect, skus) }, ct)).ToList();
        var names = (await mediator.Send(new GetSkus(skus), ct)).ToDictionary(s => s.Sku, s => s.Name);
        return new PriceListPage(rows.Select(x => new PriceListRow(x.Sku, names.GetValueOrDefault(x.Sku, ""), PriceBookLoader.Norm(x.Price), x.KeyItem,
            overrides.Where(o => o.Sku == x.Sku).ToDictionary(o => o.Channel, o => PriceBookLoader.Norm(o.Price)))).ToList(), total, page, size);
    }
}

/// <summary>Every change to a SKU's prices and flags, newest first, with who made it and from where.</summary>
internal sealed record GetPriceHistory(string Sku, int Limit = 200) : IQuery<IReadOnlyList<PriceHistoryRow>>;

internal sealed class PriceHistoryRow
{
    public string Kind { get; init; } = "";
    public string? Channel { get; init; }
    public string? Subject { get; init; }
    public decimal? OldPrice { get; init; }
    public decimal? NewPrice { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public string ChangedBy { get; init; } = "";
    public string Source { get; init; } = "";
}

internal sealed class GetPriceHistoryHandler(DbSession session) : IRequestHandler<GetPriceHistory, IReadOnlyList<PriceHistoryRow>>
{
    public async Task<IReadOnlyList<PriceHistoryRow>> Handle(GetPriceHistory r, CancellationToken ct) =>
        (await session.QueryAsync<PriceHistoryRow>(
            """
            SELECT kind AS Kind, channel AS Channel, subject AS Subject, old_price AS OldPrice, new_price AS NewPrice, old_value AS OldValue,
                   new_value AS NewValue, changed_at AS ChangedAt, changed_by AS ChangedBy, source AS Source
            FROM pricing.price_changes WHERE sku = @sku ORDER BY changed_at DESC, id DESC LIMIT @limit
            """, new { sku = r.Sku.ToUpperInvariant(), limit = r.Limit }, ct)).ToList();
}

/// <summary>
/// The base price and a channel's regular price as they stood at a past moment, from the audit: the last change at or
/// before it. (Schedules and promotions of that moment are in the audit too, shown on the history page.)
/// </summary>
internal sealed record GetPriceAsOf(string Sku, string? Channel, DateTimeOffset At) : IQuery<PriceAsOf>;

internal sealed record PriceAsOf(string Sku, string? Channel, DateTimeOffset At, decimal? BasePrice, decimal? ChannelPrice)
{
    public decimal? Regular => ChannelPrice ?? BasePrice;
}

internal sealed class GetPriceAsOfHandler(DbSession session) : IRequestHandler<GetPriceAsOf, PriceAsOf>
{
    public async Task<PriceAsOf> Handle(GetPriceAsOf r, CancellationToken ct)
    {
        const string last = "SELECT new_price FROM pricing.price_changes WHERE sku = @sku AND kind = @kind AND {0} AND changed_at <= @at ORDER BY changed_at DESC, id DESC LIMIT 1";
        var sku = r.Sku.ToUpperInvariant();
        var basePrice = await session.ExecuteScalarAsync<decimal?>(string.Format(last, "channel IS NULL"), new { sku, kind = "Base", at = r.At }, ct);
        decimal? channelPrice = null;
        if (r.Channel is not null)
            channelPrice = await session.ExecuteScalarAsync<decimal?>(string.Format(last, "channel = @channel"), new { sku, kind = "Channel", channel = r.Channel, at = r.At }, ct);
        return new PriceAsOf(sku, r.Channel, r.At, basePrice is { } b ? PriceBookLoader.Norm(b) : null, channelPrice is { } c ? PriceBookLoader.Norm(c) : null);
    }
}

/// <summary>A SKU's schedules (current and future first).</summary>
internal sealed record ListScheduledPrices(string Sku) : IQuery<IReadOnlyList<Data.ScheduledPriceRow>>;

internal sealed class ListScheduledPricesHandler(DbSession session) : IRequestHandler<ListScheduledPrices, IReadOnlyList<Data.ScheduledPriceRow>>
{
    public async Task<IReadOnlyList<Data.ScheduledPriceRow>> Handle(ListScheduledPrices r, CancellationToken ct) =>
        (await session.QueryAsync<Data.ScheduledPriceRow>(
            """
            SELECT id AS Id, sku AS Sku, channel AS Channel, price AS Price, valid_from AS ValidFrom, valid_to AS ValidTo, note AS Note,
                   created_at AS CreatedAt, created_by AS CreatedBy
            FROM pricing.scheduled_prices WHERE sku = @sku ORDER BY valid_from DESC
            """, new { sku = r.Sku.ToUpperInvariant() }, ct)).ToList();
}
