using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Inventory.Locations;
using OmniErp.Inventory.Stock;
using OmniErp.Inventory.StockMovements;
using OmniErp.Inventory.Web;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Inventory.Receipts;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.StockReceipts;

[Area("Inventory"), Route("inventory/receipts"), Authorize(Roles = Roles.StoreStaff + "," + Roles.Merchandiser)]
internal sealed class StockReceiptsController(IMediator mediator, DbSession session) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await ModelAsync(new ReceiptForm { Location = User.FindFirst(StockController.HomeStoreClaim)?.Value }, ct));

    [HttpPost("")]
    public async Task<IActionResult> Receive(ReceiptForm form, CancellationToken ct)
    {
        var (lines, errors) = LineText.Parse(form.Lines, withCost: true);
        foreach (var e in errors) ModelState.AddModelError(nameof(form.Lines), e);
        if (ModelState.IsValid)
        {
            try
            {
                await mediator.Send(new ReceiveStock(form.Location ?? "", form.Reference ?? "",
                    lines.Select(l => new ReceiptLine(l.Sku, l.Quantity, l.Cost!.Value)).ToList(), User.Identity?.Name), ct);
                TempData["Flash"] = "Goods received.";
                return Redirect("/inventory/receipts");
            }
            catch (AppException ex)
            {
                ModelState.AddErrors(ex);
            }
        }
        return View("Index", await ModelAsync(form, ct));
    }

    private async Task<ReceiptsModel> ModelAsync(ReceiptForm form, CancellationToken ct) =>
        new(form, await LocationRows.ListAsync(session, activeOnly: true, ct), await mediator.Send(new ListMovements(Kind: "Receipt", PageSize: 30), ct));
}

internal sealed class ReceiptForm
{
    public string? Location { get; set; }
    public string? Reference { get; set; }

    /// <summary>One line per SKU: <c>SKU quantity unit-cost</c>.</summary>
    public string? Lines { get; set; }
}

internal sealed record ReceiptsModel(ReceiptForm Form, IReadOnlyList<LocationRow> Locations, MovementPage Recent);
