using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Reports.Periods;

[Area("Reports"), Route("reports/periods"), Authorize(Roles = Roles.Finance)]
internal sealed class PeriodsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await mediator.Send(new ListClosedPeriods(), ct));

    [HttpPost("close")]
    public async Task<IActionResult> Close([FromForm] string? month, CancellationToken ct)
    {
        try
        {
            var files = await mediator.Send(new ClosePeriod(month ?? "", User.Identity!.Name!), ct);
            TempData["Flash"] = $"{month}: {files}";
            return RedirectToAction(nameof(Index));
        }
        catch (AppException ex)
        {
            foreach (var error in ex.Errors) ModelState.AddModelError(error.Field ?? "", error.Message);
            ViewBag.Month = month;
            return View(nameof(Index), await mediator.Send(new ListClosedPeriods(), ct));
        }
    }
}
