using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Reports.Dashboard;

/// <summary>The home page of each role: the panels a role acts on, charts with their numbers as tables.</summary>
[Area("Reports"), Route("reports/dashboard"), Authorize(Roles = Roles.Everyone)]
internal sealed class DashboardController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] int? days, CancellationToken ct)
    {
        // Store staff see their own store's stock; everyone else the whole chain.
        var store = User.IsInRole(Roles.Admin) || !(User.IsInRole(Roles.StoreManager) || User.IsInRole(Roles.StoreClerk))
            ? null
            : User.FindFirst("omnierp:store")?.Value;
        return View(await mediator.Send(new GetDashboard(Math.Clamp(days ?? 30, 7, 366), store), ct));
    }
}
