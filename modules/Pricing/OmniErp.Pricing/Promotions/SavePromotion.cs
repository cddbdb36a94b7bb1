using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Pricing.Data;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Prices;

namespace OmniErp.Pricing.Promotions;

/// <summary>Creates a promotion (with optional coupon codes), or updates the one with the same code.</summary>
internal sealed record SavePromotion(
    string Code, string Name, PromotionKind Kind, PromotionTarget Target, string? TargetCode, decimal Value, int BuyQuantity, int GetQuantity,
    decimal MinSubtotal, Stacking Stacking, int Priority, IReadOnlyList<string> Channels, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo,
    bool RequiresCoupon, bool Active, IReadOnlyList<string> CouponCodes, int? CouponUsageLimit, string ChangedBy, string Source) : ICommand<long>;

internal sealed class SavePromotionValidator : AbstractValidator<SavePromotion>
{
    public SavePromotionValidator()
    {
        RuleFor(x => x.Code).Matches("^[A-Z0-9][A-Z0-9_-]{1,31}$").WithMessage("A code has 2–32 characters: A–Z, 0–9, '_' or '-'.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(200);
        RuleFor(x => x.Value).GreaterThan(0m).WithMessage("Enter a value above zero.");
        RuleFor(x => x.Value).LessThanOrEqualTo(100m).When(x => x.Kind is PromotionKind.PercentOff or PromotionKind.BuyXGetY).WithMessage("A percentage is at most 100.");
        RuleFor(x => x.TargetCode).NotEmpty().When(x => x.Target != PromotionTarget.Order).WithMessage("Name the SKU or category the promotion is for.");
        RuleFor(x => x.TargetCode).Empty().When(x => x.Target == PromotionTarget.Order).WithMessage("An order promotion has no SKU or category.");
        RuleFor(x => x.BuyQuantity).GreaterThanOrEqualTo(1).When(x => x.Kind == PromotionKind.BuyXGetY).WithMessage("Buy at least 1.");
        RuleFor(x => x.GetQuantity).GreaterThanOrEqualTo(1).When(x => x.Kind == PromotionKind.BuyXGetY).WithMessage("Get at least 1.");
        RuleFor(x => x.Target).NotEqual(PromotionTarget.Order).When(x => x.Kind == PromotionKind.BuyXGetY).WithMessage("Buy X get Y is for a SKU or a category.");
        RuleFor(x => x.ValidTo).GreaterThan(x => x.ValidFrom).When(x => x.ValidTo is not null && x.ValidFrom is not null).WithMessage("The end must come after the start.");
        RuleFor(x => x.MinSubtotal).GreaterThanOrEqualTo(0m);
        RuleForEach(x => x.CouponCodes).Matches("^[A-Z0-9][A-Z0-9_-]{2,31}$").WithMessage("A coupon code has 3–32 characters: A–Z, 0–9, '_' or '-'.");
        RuleFor(x => x.CouponCodes).NotEmpty().When(x => x.RequiresCoupon).WithMessage("A coupon promotion needs at least one coupon code.");
        RuleFor(x => x.CouponUsageLimit).GreaterThan(0).When(x => x.CouponUsageLimit is not null);
    }
}

internal sealed class SavePromotionHandler(PricingDbContext db, DbSession session, TimeProvider clock) : IRequestHandler<SavePromotion, long>
{
    public async Task<long> Handle(SavePromotion r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var channels = r.Channels.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var target = r.TargetCode?.Trim();
        if (r.Target == PromotionTarget.Sku && target is not null) target = target.ToUpperInvariant();
        if (r.Target == PromotionTarget.Category && target is not null) target = target.ToLowerInvariant();
        if (r.Target == PromotionTarget.Sku && channels.Count > 0)
        {
            var key = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pricing.base_prices WHERE sku = @target AND key_item = " + (session.Dialect.IsPostgres ? "true" : "1"), new { target }, ct);
            if (ParityRules.CheckChannelSpecific(target!, key > 0, "promotion") is { } error) throw AppException.Invalid([error]);
        }
        var promotion = await db.Promotions.SingleOrDefaultAsync(p => p.Code == r.Code, ct);
        var before = promotion is null ? null : Describe(promotion);
        if (promotion is null)
        {
            promotion = new Promotion { Code = r.Code, CreatedAt = now };
            db.Promotions.Add(promotion);
        }
        promotion.Name = r.Name.Trim();
        promotion.Kind = r.Kind.ToString();
        promotion.Target = r.Target.ToString();
        promotion.TargetCode = r.Target == PromotionTarget.Order ? null : target;
        promotion.Value = r.Value;
        promotion.BuyQuantity = r.Kind == PromotionKind.BuyXGetY ? r.BuyQuantity : 0;
        promotion.GetQuantity = r.Kind == PromotionKind.BuyXGetY ? r.GetQuantity : 0;
        promotion.MinSubtotal = r.MinSubtotal;
        promotion.Stacking = r.Stacking.ToString();
        promotion.Priority = r.Priority;
        promotion.Channels = string.Join(',', channels);
        promotion.ValidFrom = r.ValidFrom;
        promotion.ValidTo = r.ValidTo;
        promotion.RequiresCoupon = r.RequiresCoupon;
        promotion.Active = r.Active;
        promotion.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        foreach (var code in r.CouponCodes.Distinct())
        {
            var coupon = await db.Coupons.SingleOrDefaultAsync(c => c.Code == code, ct);
            if (coupon is not null && coupon.PromotionId != promotion.Id)
                throw AppException.Invalid("CouponCodes", $"Coupon {code} belongs to another promotion.");
            if (coupon is null) db.Coupons.Add(new Coupon { Code = code, PromotionId = promotion.Id, UsageLimit = r.CouponUsageLimit });
            else coupon.UsageLimit = r.CouponUsageLimit;
        }
        db.PriceChanges.Add(PriceAudit.Value("Promotion", r.Target == PromotionTarget.Sku ? target : null, r.Code, before, Describe(promotion), now, r.ChangedBy, r.Source));
        await db.SaveChangesAsync(ct);
        return promotion.Id;
    }

    internal static string Describe(Promotion p) =>
        $"{p.Kind} {p.Value:0.##} on {p.Target}{(p.TargetCode is null ? "" : " " + p.TargetCode)}; {p.Stacking}, priority {p.Priority}; " +
        $"channels {(p.Channels.Length == 0 ? "all" : p.Channels)}; {(p.Active ? "active" : "inactive")}" +
        $"{(p.ValidFrom is { } f ? $"; from {f:yyyy-MM-dd}" : "")}{(p.ValidTo is { } t ? $"; to {t:yyyy-MM-dd}" : "")}{(p.RequiresCoupon ? "; coupon" : "")}";
}
