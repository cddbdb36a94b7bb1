using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.Stock;

[Area("Inventory"), Route("inventory/stock"), Authorize(Roles = Roles.Everyone)]
internal sealed class StockController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
