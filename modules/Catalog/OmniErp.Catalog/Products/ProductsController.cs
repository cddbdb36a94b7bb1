using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Catalog.Products;

/// <summary>What the edit page posts: product fields, channel checkboxes, images one per line, variants one per line.</summary>
internal sealed class ProductForm
{
    public long? Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Slug { get; set; }
    public string Category { get; set; } = "";
    public string? Brand { get; set; }
    public string Unit { get; set; } = "cái";
    public int VatRate { get; set; } = 8;
    public ProductStatus Status { get; set; } = ProductStatus.Draft;
    public string? Description { get; set; }
    public List<string> Channels { get; set; } = [];
    public string? ImageUrls { get; set; }

    /// <summary>One SKU per line: <c>SKU | name | barcode | size=M; color=Đỏ</c>.</summary>
    public string? Variants { get; set; }

    public IReadOnlyList<CategoryOption> CategoryOptions { get; set; } = [];
    public IReadOnlyList<Channel> ChannelOptions { get; set; } = [];

    public static ProductForm From(SaveProduct p) => new()
    {
        Id = p.Id, Code = p.Code, Name = p.Name, Slug = p.Slug, Category = p.Category, Brand = p.Brand, Unit = p.Unit, VatRate = p.VatRate,
        Status = p.Status, Description = p.Description, Channels = p.Channels.ToList(), ImageUrls = string.Join('\n', p.ImageUrls),
        Variants = string.Join('\n', p.Variants.Select(v => $"{v.Sku} | {v.Name} | {v.Barcode} | {v.Attributes}")),
    };

    public SaveProduct ToCommand() => new(Id, (Code ?? "").Trim().ToUpperInvariant(), Name ?? "", string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim(),
        Category ?? "", Brand, Unit ?? "", VatRate, Status, Description, Channels, CatalogRules.SplitList(ImageUrls, '\n'),
        (Variants ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var f = line.Split('|').Select(x => x.Trim()).ToArray();
            string? At(int i) => i < f.Length && f[i].Length > 0 ? f[i] : null;
            return new VariantInput((At(0) ?? "").ToUpperInvariant(), At(1) ?? "", At(2), At(3));
        }).ToList());
}

[Area("Catalog"), Route("catalog/products"), Authorize(Roles = Roles.Merchandising + ",StoreManager,StoreClerk")]
internal sealed class ProductsController(IMediator mediator, IChannelDirectory channels) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ListProducts query, CancellationToken ct)
    {
        ViewData["Query"] = query;
        ViewData["Categories"] = await mediator.Send(new ListCategories(), ct);
        ViewData["Brands"] = await mediator.Send(new ListBrands(), ct);
        ViewData["Channels"] = await channels.ListAsync(ct);
        return View(await mediator.Send(query, ct));
    }

    [HttpGet("new"), Authorize(Roles = Roles.Merchandising)]
    public async Task<IActionResult> Create(CancellationToken ct) => View("Edit", await WithOptions(new ProductForm(), ct));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Edit(long id, CancellationToken ct)
    {
        var product = await mediator.Send(new GetProduct(id), ct);
        return product is null ? NotFound() : View(await WithOptions(ProductForm.From(product), ct));
    }

    [HttpGet("sku/{sku}")]
    public async Task<IActionResult> BySku(string sku, CancellationToken ct) =>
        await mediator.Send(new FindProductOfSku(sku.ToUpperInvariant()), ct) is { } id ? RedirectToAction(nameof(Edit), new { id }) : NotFound();

    [HttpPost("save"), Authorize(Roles = Roles.Merchandising)]
    public async Task<IActionResult> Save(ProductForm form, CancellationToken ct)
    {
        try
        {
            var id = await mediator.Send(form.ToCommand(), ct);
            TempData["Flash"] = "Saved.";
            return RedirectToAction(nameof(Edit), new { id });
        }
        catch (AppException ex) when (ex.Kind == ErrorKind.Validation)
        {
            ModelState.Clear(); // the command's validator is the one authority on what is wrong
            foreach (var e in ex.Errors) ModelState.AddModelError(e.Field ?? "", e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Edit", await WithOptions(form, ct));
        }
    }

    private async Task<ProductForm> WithOptions(ProductForm form, CancellationToken ct)
    {
        form.CategoryOptions = await mediator.Send(new ListCategories(), ct);
        form.ChannelOptions = await channels.ListAsync(ct);
        return form;
    }
}
