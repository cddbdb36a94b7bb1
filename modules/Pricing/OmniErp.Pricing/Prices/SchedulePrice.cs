using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Pricing.Data;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Quotes;

namespace OmniErp.Pricing.Prices;

/// <summary>A price for a window (all channels, or one channel within its policy; never one channel for a key item).</summary>
internal sealed record SchedulePrice(string Sku, string? Channel, decimal Price, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, string? Note,
    string ChangedBy, string Source) : ICommand<long>;

internal sealed class SchedulePriceValidator : AbstractValidator<SchedulePrice>
{
    public SchedulePriceValidator()
    {
        RuleFor(x => x.Sku).NotEmpty();
        RuleFor(x => x.Price).GreaterThanOrEqualTo(0m).WithMessage("A price cannot be negative.");
        RuleFor(x => x.ValidTo).GreaterThan(x => x.ValidFrom).When(x => x.ValidTo is not null).WithMessage("The end must come after the start.");
    }
}

internal sealed class SchedulePriceHandler(PricingDbContext db, DbSession session, PriceBookLoader loader, TimeProvider clock) : IRequestHandler<SchedulePrice, long>
{
    public async Task<long> Handle(SchedulePrice request, CancellationToken ct)
    {
        var sku = request.Sku.Trim().ToUpperInvariant();
        var channel = string.IsNullOrWhiteSpace(request.Channel) ? null : request.Channel.Trim().ToLowerInvariant();
        var currency = loader.Currency;
        if (currency.RoundPrice(request.Price) != request.Price)
            throw AppException.Invalid("Price", $"Prices in {currency.Code} go in steps of {currency.PriceStep:0.##}.", "PRICE_STEP");
        if (session.Dialect.IsPostgres) await session.ExecuteAsync("SELECT sku FROM pricing.base_prices WHERE sku = @sku FOR UPDATE", new { sku }, ct);
        var basePrice = await db.BasePrices.SingleOrDefaultAsync(b => b.Sku == sku, ct) ?? throw AppException.NotFound("Base price of SKU", sku);
        if (channel is not null)
        {
            if (ParityRules.CheckChannelSpecific(sku, basePrice.KeyItem, "scheduled price") is { } keyError) throw AppException.Invalid([keyError]);
            var policies = await PolicyBook.LoadAsync(session, ct);
            if (ParityRules.CheckChannelPrice(sku, false, basePrice.Price, channel, request.Price, policies.For(channel), currency.Code) is { } bandError)
                throw AppException.Invalid([bandError]);
        }
        var now = clock.GetUtcNow();
        var row = new ScheduledPriceRow
        {
            Sku = sku, Channel = channel, Price = request.Price, ValidFrom = request.ValidFrom, ValidTo = request.ValidTo, Note = request.Note,
            CreatedAt = now, CreatedBy = request.ChangedBy,
        };
        db.ScheduledPrices.Add(row);
        db.PriceChanges.Add(PriceAudit.Price("Scheduled", sku, channel, currency.Code, null, request.Price, now, request.ChangedBy, request.Source,
            $"{request.ValidFrom:yyyy-MM-dd HH:mm} → {(request.ValidTo is { } to ? to.ToString("yyyy-MM-dd HH:mm") : "open")}"));
        await db.SaveChangesAsync(ct);
        return row.Id;
    }
}
