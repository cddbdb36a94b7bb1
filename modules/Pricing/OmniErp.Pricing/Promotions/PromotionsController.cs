using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Prices;

namespace OmniErp.Pricing.Promotions;

internal sealed class PromotionForm
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public PromotionKind Kind { get; set; }
    public PromotionTarget Target { get; set; } = PromotionTarget.Order;
    public string? TargetCode { get; set; }
    public decimal Value { get; set; }
    public int BuyQuantity { get; set; }
    public int GetQuantity { get; set; }
    public decimal MinSubtotal { get; set; }
    public Stacking Stacking { get; set; }
    public int Priority { get; set; } = 100;
    public string? Channels { get; set; }
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public bool RequiresCoupon { get; set; }
    public bool Active { get; set; } = true;
    public string? CouponCodes { get; set; }
    public int? CouponUsageLimit { get; set; }

    private static DateTimeOffset? Utc(DateTime? d) => d is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    public SavePromotion ToCommand(string who) => new((Code ?? "").Trim().ToUpperInvariant(), Name ?? "", Kind, Target, string.IsNullOrWhiteSpace(TargetCode) ? null : TargetCode,
        Value, BuyQuantity, GetQuantity, MinSubtotal, Stacking, Priority, (Channels ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Utc(ValidFrom), Utc(ValidTo), RequiresCoupon, Active,
        (CouponCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToList(),
        CouponUsageLimit, who, PriceSources.Page);
}

internal sealed record PromotionsPage(IReadOnlyList<PromotionListRow> Rows, PromotionForm Form);

[Area("Pricing"), Route("pricing/promotions"), Authorize(Roles = Roles.Merchandising + ",StoreManager")]
internal sealed class PromotionsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(new PromotionsPage(await mediator.Send(new ListPromotions(), ct), new PromotionForm()));

    [HttpPost("save"), Authorize(Roles = Roles.Merchandising)]
    public async Task<IActionResult> Save([Bind(Prefix = "Form")] PromotionForm form, CancellationToken ct)
    {
        try
        {
            await mediator.Send(form.ToCommand(User.Identity?.Name ?? "unknown"), ct);
            TempData["Flash"] = "Saved.";
            return Redirect("/pricing/promotions");
        }
        catch (AppException ex) when (ex.Kind == ErrorKind.Validation)
        {
            ModelState.Clear(); // the command's validator is the one authority on what is wrong
            foreach (var e in ex.Errors) ModelState.AddModelError("Form." + (e.Field ?? ""), e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new PromotionsPage(await mediator.Send(new ListPromotions(), ct), form));
        }
    }
}
