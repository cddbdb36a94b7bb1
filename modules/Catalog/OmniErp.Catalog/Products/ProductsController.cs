using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Catalog.Products;

[Area("Catalog"), Route("catalog/products"), Authorize(Roles = Roles.Merchandising + ",StoreManager,StoreClerk")]
internal sealed class ProductsController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
