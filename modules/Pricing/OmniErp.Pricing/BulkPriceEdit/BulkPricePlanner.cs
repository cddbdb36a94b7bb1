using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Prices;
using OmniErp.Pricing.Quotes;

namespace OmniErp.Pricing.BulkPriceEdit;

internal enum BulkOperation { IncreasePercent, DecreasePercent, IncreaseAmount, DecreaseAmount, Set }

/// <summary>
/// One bulk price edit: which SKUs (a category with its sub-categories, a brand, a SKU prefix, a SKU list — every filter
/// given applies), what to do to their price, on which price (null channel: the base price; else that channel's
/// price, override or not), and from when (null or not in the future: now; later: a scheduled price from then on).
/// </summary>
internal sealed record BulkPriceEdit(
    string? Category, string? Brand, string? SkuStartsWith, IReadOnlyList<string>? Skus,
    BulkOperation Operation, decimal Value, string? Channel, DateTimeOffset? EffectiveFrom);

/// <summary>One affected SKU: its price now and after the edit, and every rule the change would break.</summary>
internal sealed record BulkPriceRow(string Sku, string Name, bool KeyItem, decimal OldPrice, decimal NewPrice, IReadOnlyList<Error> Errors)
{
    public bool Changes => OldPrice != NewPrice;
}

/// <summary>The edit worked out row by row. <see cref="Fingerprint"/> identifies the prices it was computed from.</summary>
internal sealed record BulkPricePlan(
    BulkPriceEdit Edit, string? Channel, DateTimeOffset? ScheduledFrom, string Currency, IReadOnlyList<BulkPriceRow> Rows, int WithoutBasePrice,
    string Fingerprint)
{
    public IEnumerable<Error> Errors => Rows.SelectMany(r => r.Errors);
    public int Changing => Rows.Count(r => r.Changes);
}

/// <summary>
/// Works a bulk edit out against the current prices, for the preview and again (under row locks) inside the apply, so
/// both show and check the same thing. New prices are rounded with <c>Currency.RoundPrice</c>, the one rounding place;
/// the parity rules come from <see cref="ParityRules"/>, as for every single price change.
/// </summary>
internal sealed class BulkPricePlanner(DbSession session, IMediator mediator, PriceBookLoader loader, IChannelDirectory channels, TimeProvider clock)
{
    public const int MaxSkus = 5000;

    public async Task<BulkPricePlan> PlanAsync(BulkPriceEdit edit, bool lockRows, CancellationToken ct)
    {
        var currency = loader.Currency;
        var channel = string.IsNullOrWhiteSpace(edit.Channel) ? null : edit.Channel.Trim().ToLowerInvariant();
        if (channel is not null && await channels.FindAsync(channel, ct) is null)
            throw AppException.Invalid("Channel", $"Channel '{channel}' does not exist.");
        var scheduledFrom = edit.EffectiveFrom is { } from && from > clock.GetUtcNow() ? from : (DateTimeOffset?)null;

        var skus = await ScopeAsync(edit, ct);
        if (skus.Count > MaxSkus)
            throw AppException.Invalid("Scope", $"The scope holds more than {MaxSkus:N0} SKUs; narrow it (a sub-category, a brand or a SKU prefix).", "SCOPE_TOO_LARGE");
        var keys = skus.Keys.ToArray();

        var bases = new List<(string Sku, decimal Price, bool KeyItem)>();
        var overrides = new List<(string Sku, string Channel, decimal Price)>();
        foreach (var chunk in keys.Chunk(2000))
        {
            var list = new { skus = session.Dialect.ListValue(chunk) };
            if (lockRows && session.Dialect.IsPostgres)
                await session.ExecuteAsync(session.Dialect.Lists("SELECT sku FROM pricing.base_prices WHERE sku IN @skus ORDER BY sku FOR UPDATE"), list, ct);
            bases.AddRange(await session.QueryAsync<(string, decimal, bool)>(
                session.Dialect.Lists("SELECT sku, price, key_item FROM pricing.base_prices WHERE sku IN @skus"), list, ct));
            overrides.AddRange(await session.QueryAsync<(string, string, decimal)>(
                session.Dialect.Lists("SELECT sku, channel, price FROM pricing.channel_prices WHERE sku IN @skus"), list, ct));
        }
        var policies = await PolicyBook.LoadAsync(session, ct);
        var overridesOf = overrides.ToLookup(o => o.Sku, o => (o.Channel, Price: PriceBookLoader.Norm(o.Price)));

        var rows = new List<BulkPriceRow>(bases.Count);
        foreach (var (sku, rawBase, keyItem) in bases.OrderBy(b => b.Sku, StringComparer.Ordinal))
        {
            var basePrice = PriceBookLoader.Norm(rawBase);
            var mine = overridesOf[sku].ToList();
            var old = channel is null ? basePrice : mine.Where(o => o.Channel == channel).Select(o => (decimal?)o.Price).FirstOrDefault() ?? basePrice;
            var computed = currency.RoundPrice(edit.Operation switch
            {
                BulkOperation.IncreasePercent => old * (100m + edit.Value) / 100m,
                BulkOperation.DecreasePercent => old * (100m - edit.Value) / 100m,
                BulkOperation.IncreaseAmount => old + edit.Value,
                BulkOperation.DecreaseAmount => old - edit.Value,
                _ => edit.Value,
            });
            var errors = new List<Error>();
            if (computed < 0m)
                errors.Add(new Error("NEGATIVE_PRICE", $"{sku}: {N(old)} − {N(edit.Value)} would go below zero.", sku));
            else if (scheduledFrom is null && channel is null)
            {
                // A new base price must keep every existing channel price within its band (and a key item's equal to it).
                foreach (var o in mine)
                    if (ParityRules.CheckChannelPrice(sku, keyItem, computed, o.Channel, o.Price, policies.For(o.Channel), currency.Code) is { } e)
                        errors.Add(e with { Message = e.Message + " Change or remove that channel price first.", Field = sku });
            }
            else if (channel is not null)
            {
                if (scheduledFrom is not null && ParityRules.CheckChannelSpecific(sku, keyItem, "scheduled price") is { } keyError)
                    errors.Add(keyError with { Field = sku });
                else if (ParityRules.CheckChannelPrice(sku, scheduledFrom is null && keyItem, basePrice, channel, computed, policies.For(channel), currency.Code) is { } e)
                    errors.Add(e with { Field = sku });
            }
            rows.Add(new BulkPriceRow(sku, skus[sku], keyItem, old, Math.Max(0m, computed), errors));
        }
        return new BulkPricePlan(edit, channel, scheduledFrom, currency.Code, rows, keys.Length - bases.Count, Fingerprint(rows));
    }

    /// <summary>The SKUs of the scope with their names; every filter given applies.</summary>
    private async Task<Dictionary<string, string>> ScopeAsync(BulkPriceEdit edit, CancellationToken ct)
    {
        var listed = edit.Skus?.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var filtered = !string.IsNullOrWhiteSpace(edit.Category) || !string.IsNullOrWhiteSpace(edit.Brand) || !string.IsNullOrWhiteSpace(edit.SkuStartsWith);
        if (!filtered && (listed is null || listed.Count == 0))
            throw AppException.Invalid("Scope", "Choose a scope: a category, a brand, a SKU prefix or a list of SKUs.", "SCOPE_EMPTY");
        if (!string.IsNullOrWhiteSpace(edit.Category)
            && !(await mediator.Send(new GetCategories(), ct)).Any(c => string.Equals(c.Code, edit.Category.Trim(), StringComparison.OrdinalIgnoreCase)))
            throw AppException.Invalid("Category", $"There is no category '{edit.Category.Trim()}'; choose one from the list.", "UNKNOWN_CATEGORY");
        IEnumerable<SkuInfo> found = filtered
            ? await mediator.Send(new FindSkus(edit.Category, edit.Brand, edit.SkuStartsWith, MaxSkus + 1), ct)
            : await mediator.Send(new GetSkus(listed!.ToList()), ct);
        if (filtered && listed is { Count: > 0 }) found = found.Where(s => listed.Contains(s.Sku));
        return found.ToDictionary(s => s.Sku, s => s.Name, StringComparer.Ordinal);
    }

    private static string Fingerprint(IEnumerable<BulkPriceRow> rows)
    {
        var text = string.Join('\n', rows.Select(r => r.Sku + "=" + r.OldPrice.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string N(decimal d) => d.ToString("#,0.##", CultureInfo.InvariantCulture);
}
