using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Inventory.Locations;
using OmniErp.Inventory.Stock;
using OmniErp.Inventory.StockMovements;
using OmniErp.Inventory.Web;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Inventory.Adjustments;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.StockAdjustments;

[Area("Inventory"), Route("inventory/adjustments"), Authorize(Roles = Roles.StoreManagement)]
internal sealed class StockAdjustmentsController(IMediator mediator, DbSession session) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await ModelAsync(new AdjustmentForm { Location = User.FindFirst(StockController.HomeStoreClaim)?.Value }, ct));

    [HttpPost("")]
    public async Task<IActionResult> Adjust(AdjustmentForm form, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new AdjustStock(form.Location ?? "", form.Sku ?? "", form.Quantity, form.Reason ?? "", User.Identity?.Name), ct);
            TempData["Flash"] = "Stock adjusted.";
            return Redirect("/inventory/adjustments");
        }
        catch (AppException ex)
        {
            ModelState.AddErrors(ex);
            return View("Index", await ModelAsync(form, ct));
        }
    }

    private async Task<AdjustmentsModel> ModelAsync(AdjustmentForm form, CancellationToken ct) =>
        new(form, await LocationRows.ListAsync(session, activeOnly: true, ct), await mediator.Send(new ListMovements(Kind: "Adjustment", PageSize: 30), ct));
}

internal sealed class AdjustmentForm
{
    public string? Location { get; set; }
    public string? Sku { get; set; }
    public int Quantity { get; set; }
    public string? Reason { get; set; }
}

internal sealed record AdjustmentsModel(AdjustmentForm Form, IReadOnlyList<LocationRow> Locations, MovementPage Recent);
