using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.CustomerMerges;

/// <summary>The review step: a manager sees what a proposed merge would move, then applies or rejects it.</summary>
[Area("Customers"), Route("customers/merges"), Authorize(Roles = Roles.StoreManagement)]
internal sealed class CustomerMergesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await mediator.Send(new ListMerges(), ct));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken ct) =>
        await mediator.Send(new GetMerge(id), ct) is { } merge ? View(merge) : NotFound();

    [HttpPost("{id:long}/apply")]
    public Task<IActionResult> Apply(long id, CancellationToken ct) => DecideAsync(id, () => mediator.Send(new ApplyMerge(id, User.Identity?.Name ?? "staff"), ct));

    [HttpPost("{id:long}/reject")]
    public Task<IActionResult> Reject(long id, CancellationToken ct) => DecideAsync(id, () => mediator.Send(new RejectMerge(id, User.Identity?.Name ?? "staff"), ct));

    private async Task<IActionResult> DecideAsync(long id, Func<Task> decide)
    {
        try { await decide(); }
        catch (AppException ex) { TempData["Error"] = string.Join(" ", ex.Errors.Select(e => e.Message)); }
        return RedirectToAction(nameof(Details), new { id });
    }
}
