using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Host.Shell;

/// <summary>The back-office home: what each module offers the signed-in role.</summary>
[Authorize(Roles = Roles.Everyone)]
public sealed class HomeController(IEnumerable<IModule> modules) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View(modules.OrderBy(m => m.Order).ToList());
}

[AllowAnonymous]
public sealed class StatusController : Controller
{
    [Route("/status/{code:int}")]
    public IActionResult Status(int code) => View("~/Views/Shared/Status.cshtml", code);

    [Route("/error")]
    public IActionResult Error() => View("~/Views/Shared/Status.cshtml", 500);
}
