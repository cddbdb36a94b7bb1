using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Loyalty;

/// <summary>The accountants' view of the programme: what the outstanding points are worth.</summary>
[Area("Customers"), Route("customers/loyalty"), Authorize(Roles = Roles.Finance)]
internal sealed class LoyaltyController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await mediator.Send(new GetLoyaltyLiability(), ct));

    [HttpPost("sweep")]
    public async Task<IActionResult> Sweep(CancellationToken ct)
    {
        var result = await mediator.Send(new RunLoyaltySweep(), ct);
        TempData["Flash"] = $"{result.PointsExpired} / {result.CustomersExpired} / {result.TiersChanged}";
        return RedirectToAction(nameof(Index));
    }
}
