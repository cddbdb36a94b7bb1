using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Data;
using OmniErp.Pricing.Prices;

namespace OmniErp.Pricing.BulkPriceEdit;

/// <summary>Works out a bulk edit for the preview; writes nothing.</summary>
internal sealed record PreviewBulkPriceEdit(BulkPriceEdit Edit) : IQuery<BulkPricePlan>;

/// <summary>
/// Applies a bulk edit in one transaction: worked out again under row locks; refused as a whole (every offending SKU
/// with its rule listed) when any row breaks a rule, or when <see cref="ExpectedFingerprint"/> is given and the prices
/// changed since the preview. Every price written is audited and published like a single change.
/// </summary>
internal sealed record ApplyBulkPriceEdit(BulkPriceEdit Edit, string ChangedBy, string Source, string? ExpectedFingerprint = null) : ICommand<BulkPriceApplied>;

internal sealed record BulkPriceApplied(int Changed, int Unchanged, DateTimeOffset? ScheduledFrom);

internal sealed class BulkPriceEditValidator : AbstractValidator<BulkPriceEdit>
{
    public BulkPriceEditValidator()
    {
        RuleFor(x => x.Operation).IsInEnum().WithMessage("Choose an operation.");
        RuleFor(x => x.Value).GreaterThanOrEqualTo(0m).WithMessage("Enter a value of zero or more; choose increase or decrease for the direction.");
        RuleFor(x => x.Value).LessThanOrEqualTo(100m).When(x => x.Operation == BulkOperation.DecreasePercent)
            .WithMessage("A decrease cannot exceed 100 %.");
        RuleFor(x => x.Value).LessThanOrEqualTo(1000m).When(x => x.Operation == BulkOperation.IncreasePercent)
            .WithMessage("An increase above 1,000 % is surely a typo.");
        RuleFor(x => x.Skus).Must(s => s is null || s.Count <= BulkPricePlanner.MaxSkus).WithMessage($"List at most {BulkPricePlanner.MaxSkus:N0} SKUs.");
    }
}

internal sealed class PreviewBulkPriceEditValidator : AbstractValidator<PreviewBulkPriceEdit>
{
    public PreviewBulkPriceEditValidator() => RuleFor(x => x.Edit).SetValidator(new BulkPriceEditValidator());
}

internal sealed class ApplyBulkPriceEditValidator : AbstractValidator<ApplyBulkPriceEdit>
{
    public ApplyBulkPriceEditValidator()
    {
        RuleFor(x => x.Edit).SetValidator(new BulkPriceEditValidator());
        RuleFor(x => x.ChangedBy).NotEmpty();
    }
}

internal sealed class PreviewBulkPriceEditHandler(BulkPricePlanner planner) : IRequestHandler<PreviewBulkPriceEdit, BulkPricePlan>
{
    public Task<BulkPricePlan> Handle(PreviewBulkPriceEdit request, CancellationToken cancellationToken) =>
        planner.PlanAsync(request.Edit, lockRows: false, cancellationToken);
}

internal sealed class ApplyBulkPriceEditHandler(BulkPricePlanner planner, PricingDbContext db, IOutbox outbox, TimeProvider clock)
    : IRequestHandler<ApplyBulkPriceEdit, BulkPriceApplied>
{
    public async Task<BulkPriceApplied> Handle(ApplyBulkPriceEdit request, CancellationToken ct)
    {
        var plan = await planner.PlanAsync(request.Edit, lockRows: true, ct);
        var errors = plan.Errors.ToList();
        if (errors.Count > 0) throw AppException.Invalid(errors);
        if (request.ExpectedFingerprint is { } expected && expected != plan.Fingerprint)
            throw AppException.Conflict("PRICES_CHANGED", "Prices in this scope changed since the preview; preview again before applying.");
        if (plan.Rows.Count == 0) throw AppException.Invalid("Scope", "No SKU with a base price matches this scope.", "SCOPE_EMPTY");

        var now = clock.GetUtcNow();
        var changing = plan.Rows.Where(r => r.Changes).ToList();
        var skus = changing.Select(r => r.Sku).ToList();
        if (plan.ScheduledFrom is { } from)
        {
            var subject = $"{from:yyyy-MM-dd HH:mm} → open (bulk)";
            foreach (var r in changing)
            {
                db.ScheduledPrices.Add(new ScheduledPriceRow
                {
                    Sku = r.Sku, Channel = plan.Channel, Price = r.NewPrice, ValidFrom = from, Note = "bulk edit", CreatedAt = now, CreatedBy = request.ChangedBy,
                });
                db.PriceChanges.Add(PriceAudit.Price("Scheduled", r.Sku, plan.Channel, plan.Currency, r.OldPrice, r.NewPrice, now, request.ChangedBy, request.Source, subject));
            }
        }
        else if (plan.Channel is null)
        {
            var entities = new Dictionary<string, BasePrice>(StringComparer.Ordinal);
            foreach (var chunk in skus.Chunk(1000))
                foreach (var b in await db.BasePrices.Where(b => chunk.Contains(b.Sku)).ToListAsync(ct)) entities[b.Sku] = b;
            foreach (var r in changing)
            {
                var b = entities[r.Sku];
                b.Price = r.NewPrice;
                b.UpdatedAt = now;
                b.UpdatedBy = request.ChangedBy;
                db.PriceChanges.Add(PriceAudit.Price("Base", r.Sku, null, plan.Currency, r.OldPrice, r.NewPrice, now, request.ChangedBy, request.Source));
                outbox.Add(new PriceChanged(r.Sku, null, plan.Currency, r.OldPrice, r.NewPrice, now));
            }
        }
        else
        {
            var channel = plan.Channel;
            var entities = new Dictionary<string, ChannelPrice>(StringComparer.Ordinal);
            foreach (var chunk in skus.Chunk(1000))
                foreach (var c in await db.ChannelPrices.Where(c => c.Channel == channel && chunk.Contains(c.Sku)).ToListAsync(ct)) entities[c.Sku] = c;
            foreach (var r in changing)
            {
                var had = entities.TryGetValue(r.Sku, out var existing);
                if (existing is not null)
                {
                    existing.Price = r.NewPrice;
                    existing.UpdatedAt = now;
                    existing.UpdatedBy = request.ChangedBy;
                }
                else db.ChannelPrices.Add(new ChannelPrice { Sku = r.Sku, Channel = channel, Price = r.NewPrice, UpdatedAt = now, UpdatedBy = request.ChangedBy });
                db.PriceChanges.Add(PriceAudit.Price("Channel", r.Sku, channel, plan.Currency, had ? r.OldPrice : null, r.NewPrice, now,
                    request.ChangedBy, request.Source));
                outbox.Add(new PriceChanged(r.Sku, channel, plan.Currency, r.OldPrice, r.NewPrice, now));
            }
        }
        await db.SaveChangesAsync(ct);
        return new BulkPriceApplied(changing.Count, plan.Rows.Count - changing.Count, plan.ScheduledFrom);
    }
}
