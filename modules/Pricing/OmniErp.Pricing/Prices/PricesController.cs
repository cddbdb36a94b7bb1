using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Pricing.Prices;

[Area("Pricing"), Route("pricing/prices"), Authorize(Roles = Roles.Merchandising + ",StoreManager")]
internal sealed class PricesController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
