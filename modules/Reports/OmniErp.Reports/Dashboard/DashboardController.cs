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
    public async Task<IActionResult> Index([FromQuery] int? days, CancellationToken ct) =>
        View(await mediator.Send(GetDashboard.For(User, days), ct));
}
