using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Data;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Quotes;

namespace OmniErp.Pricing.Prices;

/// <summary>
/// Sets a SKU's base price (<see cref="Channel"/> null) or a channel's override (<see cref="Price"/> null removes it).
/// Every entry point (page, CSV, CLI, GraphQL) sends this one command, so the parity rules hold everywhere.
/// </summary>
internal sealed record SetPrice(string Sku, string? Channel, decimal? Price, string ChangedBy, string Source) : ICommand<PriceSet>;

internal sealed record PriceSet(string Sku, string? Channel, decimal? OldPrice, decimal? NewPrice, bool Changed);

internal sealed class SetPriceValidator : AbstractValidator<SetPrice>
{
    public SetPriceValidator()
    {
        RuleFor(x => x.Sku).NotEmpty().WithMessage("Enter a SKU.");
        RuleFor(x => x.Price).NotNull().When(x => x.Channel is null).WithMessage("Enter a base price.");
        RuleFor(x => x.Price).GreaterThanOrEqualTo(0m).WithMessage("A price cannot be negative.");
        RuleFor(x => x.ChangedBy).NotEmpty();
    }
}

internal sealed class SetPriceHandler(PricingDbContext db, DbSession session, PriceBookLoader loader, IChannelDirectory channels,
    IMediator mediator, IOutbox outbox, TimeProvider clock) : IRequestHandler<SetPrice, PriceSet>
{
    public async Task<PriceSet> Handle(SetPrice request, CancellationToken ct)
    {
        var sku = request.Sku.Trim().ToUpperInvariant();
        var currency = loader.Currency;
        if (request.Price is { } p && currency.RoundPrice(p) != p)
            throw AppException.Invalid("Price", $"Prices in {currency.Code} go in steps of {currency.PriceStep:0.##}; {p:0.##} is not one.", "PRICE_STEP");
        var now = clock.GetUtcNow();

        // Locks the SKU's price row for the rest of the transaction (SQLite: the write lock is already held).
        if (session.Dialect.IsPostgres) await session.ExecuteAsync("SELECT sku FROM pricing.base_prices WHERE sku = @sku FOR UPDATE", new { sku }, ct);
        var basePrice = await db.BasePrices.SingleOrDefaultAsync(b => b.Sku == sku, ct);
        var policies = await PolicyBook.LoadAsync(session, ct);

        if (request.Channel is null)
        {
            if (basePrice is null && (await mediator.Send(new GetSkus([sku]), ct)).Count == 0)
                throw AppException.NotFound("SKU", sku);
            var newPrice = request.Price!.Value;
            var old = basePrice?.Price;
            if (old == newPrice) return new PriceSet(sku, null, old, newPrice, false);
            // Existing overrides must stay within their channel's band around the new base price.
            var overrides = await db.ChannelPrices.Where(c => c.Sku == sku).ToListAsync(ct);
            var errors = overrides
                .Select(o => ParityRules.CheckChannelPrice(sku, basePrice?.KeyItem == true, newPrice, o.Channel, o.Price, policies.For(o.Channel), currency.Code))
                .OfType<Error>().ToList();
            if (errors.Count > 0)
                throw AppException.Invalid(errors.Select(e => e with { Message = e.Message + " Change or remove that channel price first." }).ToList());
            if (basePrice is null)
            {
                basePrice = new BasePrice { Sku = sku, Currency = currency.Code, Price = newPrice, UpdatedAt = now, UpdatedBy = request.ChangedBy };
                db.BasePrices.Add(basePrice);
            }
            else
            {
                basePrice.Price = newPrice;
                basePrice.UpdatedAt = now;
                basePrice.UpdatedBy = request.ChangedBy;
            }
            db.PriceChanges.Add(PriceAudit.Price("Base", sku, null, currency.Code, old, newPrice, now, request.ChangedBy, request.Source));
            await db.SaveChangesAsync(ct);
            outbox.Add(new PriceChanged(sku, null, currency.Code, old, newPrice, now));
            return new PriceSet(sku, null, old, newPrice, true);
        }

        var channel = request.Channel.Trim().ToLowerInvariant();
        if (await channels.FindAsync(channel, ct) is null) throw AppException.Invalid("Channel", $"Channel '{channel}' does not exist.");
        if (basePrice is null) throw AppException.Invalid("Sku", $"{sku} has no base price yet; set it before a channel price.", "NO_BASE_PRICE");
        var existing = await db.ChannelPrices.SingleOrDefaultAsync(c => c.Sku == sku && c.Channel == channel, ct);
        if (request.Price is null)
        {
            if (existing is null) return new PriceSet(sku, channel, null, null, false);
            db.ChannelPrices.Remove(existing);
            db.PriceChanges.Add(PriceAudit.Price("Channel", sku, channel, currency.Code, existing.Price, null, now, request.ChangedBy, request.Source));
            await db.SaveChangesAsync(ct);
            outbox.Add(new PriceChanged(sku, channel, currency.Code, existing.Price, basePrice.Price, now));
            return new PriceSet(sku, channel, existing.Price, null, true);
        }

        var price = request.Price.Value;
        if (ParityRules.CheckChannelPrice(sku, basePrice.KeyItem, basePrice.Price, channel, price, policies.For(channel), currency.Code) is { } error)
            throw AppException.Invalid([error]);
        if (existing?.Price == price) return new PriceSet(sku, channel, price, price, false);
        var before = existing?.Price;
        if (existing is null) db.ChannelPrices.Add(new ChannelPrice { Sku = sku, Channel = channel, Price = price, UpdatedAt = now, UpdatedBy = request.ChangedBy });
        else
        {
            existing.Price = price;
            existing.UpdatedAt = now;
            existing.UpdatedBy = request.ChangedBy;
        }
        db.PriceChanges.Add(PriceAudit.Price("Channel", sku, channel, currency.Code, before, price, now, request.ChangedBy, request.Source));
        await db.SaveChangesAsync(ct);
        outbox.Add(new PriceChanged(sku, channel, currency.Code, before ?? basePrice.Price, price, now));
        return new PriceSet(sku, channel, before, price, true);
    }
}

/// <summary>The channels' override policies; a channel without one keeps parity with the base price.</summary>
internal sealed class PolicyBook(IReadOnlyDictionary<string, ChannelPolicy> policies)
{
    public ChannelPolicy For(string channel) => policies.TryGetValue(channel, out var p) ? p : ChannelPolicy.Parity(channel);

    public IEnumerable<ChannelPolicy> All => policies.Values;

    public static async Task<PolicyBook> LoadAsync(DbSession session, CancellationToken ct)
    {
        var rows = await session.QueryAsync<(string Channel, decimal Up, decimal Down)>(
            "SELECT channel, max_up_percent, max_down_percent FROM pricing.channel_policies", ct: ct);
        return new PolicyBook(rows.ToDictionary(r => r.Channel, r => new ChannelPolicy(r.Channel, PriceBookLoader.Norm(r.Up), PriceBookLoader.Norm(r.Down))));
    }
}
