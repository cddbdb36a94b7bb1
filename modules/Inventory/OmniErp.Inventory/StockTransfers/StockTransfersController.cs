using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Locations;
using OmniErp.Inventory.Stock;
using OmniErp.Inventory.Web;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.StockTransfers;

[Area("Inventory"), Route("inventory/transfers"), Authorize(Roles = Roles.StoreStaff)]
internal sealed class StockTransfersController(IMediator mediator, DbSession session) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await ModelAsync(new TransferForm { From = "WH01", To = User.FindFirst(StockController.HomeStoreClaim)?.Value }, ct));

    [HttpPost("")]
    public async Task<IActionResult> Ship(TransferForm form, CancellationToken ct)
    {
        var (lines, errors) = LineText.Parse(form.Lines, withCost: false);
        foreach (var e in errors) ModelState.AddModelError(nameof(form.Lines), e);
        if (ModelState.IsValid)
        {
            try
            {
                var id = await mediator.Send(new ShipTransfer(form.From ?? "", form.To ?? "", lines.Select(l => new StockLine(l.Sku, l.Quantity)).ToList(),
                    User.Identity?.Name ?? "", form.Note), ct);
                TempData["Flash"] = $"Transfer TR-{id} shipped.";
                return Redirect("/inventory/transfers");
            }
            catch (AppException ex)
            {
                ModelState.AddErrors(ex);
            }
        }
        return View("Index", await ModelAsync(form, ct));
    }

    [HttpPost("{id:long}/receive")]
    public async Task<IActionResult> Receive(long id, CancellationToken ct)
    {
        await mediator.Send(new ReceiveTransfer(id, User.Identity?.Name ?? ""), ct);
        TempData["Flash"] = "Transfer received.";
        return Redirect("/inventory/transfers");
    }

    private async Task<TransfersModel> ModelAsync(TransferForm form, CancellationToken ct) =>
        new(form, await LocationRows.ListAsync(session, activeOnly: true, ct), await mediator.Send(new ListTransfers(), ct));
}

internal sealed class TransferForm
{
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Note { get; set; }

    /// <summary>One line per SKU: <c>SKU quantity</c>.</summary>
    public string? Lines { get; set; }
}

internal sealed record TransfersModel(TransferForm Form, IReadOnlyList<LocationRow> Locations, IReadOnlyList<TransferView> Transfers);
