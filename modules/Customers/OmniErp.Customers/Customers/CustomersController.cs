using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Customers.CustomerMerges;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Customers;

[Area("Customers"), Route("customers/customers"), Authorize(Roles = Roles.Everyone)]
internal sealed class CustomersController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken ct = default) =>
        View(await mediator.Send(new SearchCustomers(q, page), ct));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var view = await mediator.Send(new GetCustomer360(id), ct);
        if (view is null) return NotFound();
        if (view.Profile.Id != id) return RedirectToAction(nameof(Details), new { id = view.Profile.Id });
        return View(view);
    }

    /// <summary>Proposes that another customer record is this same person; a manager reviews it on the merges page.</summary>
    [HttpPost("{id:long}/merge"), Authorize(Roles = Roles.StoreStaff)]
    public async Task<IActionResult> ProposeMerge(long id, long duplicateId, string? reason, CancellationToken ct)
    {
        try
        {
            var mergeId = await mediator.Send(new ProposeMerge(id, duplicateId, string.IsNullOrWhiteSpace(reason) ? "Same person" : reason, User.Identity?.Name ?? "staff"), ct);
            return Redirect($"/customers/merges/{mergeId}");
        }
        catch (AppException ex)
        {
            TempData["Error"] = string.Join(" ", ex.Errors.Select(e => e.Message));
            return RedirectToAction(nameof(Details), new { id });
        }
    }
}
