using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using OmniErp.Orders.Lifecycle;
using OmniErp.Orders.Returns;

namespace OmniErp.Orders.Orders;

internal sealed class ReturnForm
{
    public string Location { get; set; } = "";
    public string? Reason { get; set; }
    public List<ReturnFormLine> Lines { get; set; } = [];
}

internal sealed class ReturnFormLine
{
    public int LineNo { get; set; }
    public int Quantity { get; set; }
    public bool Restock { get; set; } = true;
}

[Area("Orders"), Route("orders/orders"), Authorize(Roles = Roles.Everyone)]
internal sealed class OrdersController(IMediator mediator) : Controller
{
    private string Actor => User.Identity?.Name ?? "staff";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? channel, string? status, string? store, DateOnly? from, DateOnly? to, string? q, int page = 1, CancellationToken ct = default)
    {
        ViewData["Filter"] = new ListOrders(channel, status, store, from, to, q, page);
        return View(await mediator.Send(new ListOrders(channel, status, store, from, to, q, page), ct));
    }

    [HttpGet("{number}")]
    public async Task<IActionResult> Detail(string number, CancellationToken ct) => View(await mediator.Send(new GetOrderDetail(number), ct));

    [HttpPost("{number}/actions/{step}"), Authorize(Roles = Roles.StoreStaff)]
    public async Task<IActionResult> Act(string number, string step, string? note, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new ChangeOrderStatus(number, step, Actor, note), ct);
        }
        catch (AppException ex)
        {
            TempData["Error"] = ex.Message;
        }
        return RedirectToAction(nameof(Detail), new { number });
    }

    [HttpPost("{number}/payment"), Authorize(Roles = Roles.StoreStaff + ",Accountant")]
    public async Task<IActionResult> Pay(string number, string method, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new RecordPayment(number, method, Actor), ct);
        }
        catch (AppException ex)
        {
            TempData["Error"] = ex.Message;
        }
        return RedirectToAction(nameof(Detail), new { number });
    }

    [HttpGet("{number}/return"), Authorize(Roles = Roles.StoreStaff)]
    public async Task<IActionResult> Return(string number, CancellationToken ct)
    {
        var detail = await mediator.Send(new GetOrderDetail(number), ct);
        ViewData["Detail"] = detail;
        return View(new ReturnForm { Location = detail.Order.Location, Lines = detail.Lines.Select(l => new ReturnFormLine { LineNo = l.LineNo }).ToList() });
    }

    [HttpPost("{number}/return"), Authorize(Roles = Roles.StoreStaff)]
    public async Task<IActionResult> Return(string number, ReturnForm form, CancellationToken ct)
    {
        var detail = await mediator.Send(new GetOrderDetail(number), ct);
        try
        {
            var lines = form.Lines.Where(l => l.Quantity > 0).Select(l => new ReturnLineRequest(l.LineNo, l.Quantity, l.Restock)).ToList();
            var result = await mediator.Send(new ReturnOrderLines(number, "store", form.Location, lines, Actor, form.Reason), ct);
            TempData["Message"] = $"{result.ReturnNumber}: {result.Refund:#,0} {result.Currency}";
            return RedirectToAction(nameof(Detail), new { number });
        }
        catch (AppException ex)
        {
            foreach (var e in ex.Errors) ModelState.AddModelError(e.Field ?? "", e.Message);
            ViewData["Detail"] = detail;
            return View(form);
        }
    }
}
