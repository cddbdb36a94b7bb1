using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Data;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Catalog.Products;

/// <summary>One variant as entered: SKU, name, barcode and "name=value; …" attributes.</summary>
internal sealed record VariantInput(string Sku, string Name, string? Barcode, string? Attributes);

/// <summary>Creates a product (<see cref="Id"/> null) or updates one; variants are added or changed, never dropped (discontinue instead).</summary>
internal sealed record SaveProduct(
    long? Id, string Code, string Name, string? Slug, string Category, string? Brand, string Unit, int VatRate, ProductStatus Status,
    string? Description, IReadOnlyList<string> Channels, IReadOnlyList<string> ImageUrls, IReadOnlyList<VariantInput> Variants) : ICommand<long>;

internal sealed class SaveProductValidator : AbstractValidator<SaveProduct>
{
    public SaveProductValidator()
    {
        RuleFor(x => x.Code).Must(CatalogRules.IsProductCode).WithMessage("Enter a product code: A–Z, 0–9, '.', '_' or '-'.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(300);
        RuleFor(x => x.Slug).Must(s => s is null || CatalogRules.IsSlug(s)).WithMessage("A slug has lower-case letters, digits and single hyphens.");
        RuleFor(x => x.Category).NotEmpty().WithMessage("Choose a category.");
        RuleFor(x => x.Unit).NotEmpty().WithMessage("Enter a unit.").MaximumLength(20);
        RuleFor(x => x.VatRate).Must(v => CatalogRules.VatRates.Contains(v)).WithMessage("VAT rate must be 0, 5, 8 or 10.");
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Variants).NotEmpty().WithMessage("Add at least one variant (SKU).");
        RuleFor(x => x.ImageUrls).Must(urls => urls.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithMessage("Each image must be an http(s) URL.");
        RuleFor(x => x.Variants).Custom((variants, context) =>
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < variants.Count; i++)
            {
                var v = variants[i];
                var line = $"Line {i + 1}: ";
                if (!CatalogRules.IsSku(v.Sku)) context.AddFailure("Variants", line + $"'{v.Sku}' is not a SKU (2–64 characters: A–Z, 0–9, '.', '_' or '-').");
                else if (!seen.Add(v.Sku)) context.AddFailure("Variants", line + $"SKU {v.Sku} is given twice.");
                if (v.Barcode is not null && !CatalogRules.IsValidGtin(v.Barcode)) context.AddFailure("Variants", line + $"'{v.Barcode}' is not a valid GTIN (check digit).");
                if (CatalogRules.ParseAttributes(v.Attributes, out var error) is null) context.AddFailure("Variants", line + error);
            }
        });
    }
}

internal sealed class SaveProductHandler(CatalogDbContext db, IChannelDirectory channelDirectory, IOutbox outbox, TimeProvider clock) : IRequestHandler<SaveProduct, long>
{
    public async Task<long> Handle(SaveProduct r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new List<Error>();
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Code == r.Category, ct);
        if (category is null) errors.Add(new Error("INVALID", $"Unknown category '{r.Category}'.", "Category"));
        var known = (await channelDirectory.ListAsync(ct)).Select(c => c.Code).ToHashSet();
        foreach (var c in r.Channels.Where(c => !known.Contains(c))) errors.Add(new Error("INVALID", $"Unknown channel '{c}'.", "Channels"));

        var product = r.Id is { } id
            ? await db.Products.Include(p => p.Variants).ThenInclude(v => v.Attributes).Include(p => p.Channels).SingleOrDefaultAsync(p => p.Id == id, ct)
              ?? throw AppException.NotFound("Product", id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new Product { CreatedAt = now };
        var slug = string.IsNullOrWhiteSpace(r.Slug) ? CatalogRules.Slugify($"{r.Name} {r.Code}") : r.Slug.Trim();
        if (await db.Products.AnyAsync(p => p.Code == r.Code && p.Id != product.Id, ct)) errors.Add(new Error("TAKEN", $"Product code {r.Code} is taken.", "Code"));
        if (await db.Products.AnyAsync(p => p.Slug == slug && p.Id != product.Id, ct)) errors.Add(new Error("TAKEN", $"Slug '{slug}' is used by another product.", "Slug"));
        var skus = r.Variants.Select(v => v.Sku).ToList();
        foreach (var taken in await db.Variants.Where(v => skus.Contains(v.Sku) && v.ProductId != product.Id).Select(v => v.Sku).ToListAsync(ct))
            errors.Add(new Error("TAKEN", $"SKU {taken} belongs to another product.", "Variants"));
        var barcodes = r.Variants.Where(v => v.Barcode is not null).Select(v => v.Barcode!).ToList();
        foreach (var (sku, barcode) in (await db.Variants.Where(v => v.Barcode != null && barcodes.Contains(v.Barcode)).Select(v => new { v.Sku, v.Barcode }).ToListAsync(ct))
                 .Select(x => (x.Sku, x.Barcode!)))
            if (r.Variants.First(v => v.Barcode == barcode).Sku != sku) errors.Add(new Error("TAKEN", $"Barcode {barcode} belongs to SKU {sku}.", "Variants"));
        foreach (var dropped in product.Variants.Where(v => !skus.Contains(v.Sku)))
            errors.Add(new Error("INVALID", $"SKU {dropped.Sku} cannot be removed; set the product to Discontinued instead.", "Variants"));
        if (errors.Count > 0) throw AppException.Invalid(errors);

        product.Code = r.Code;
        product.Name = r.Name.Trim();
        product.Slug = slug;
        product.CategoryId = category!.Id;
        product.Brand = string.IsNullOrWhiteSpace(r.Brand) ? null : r.Brand.Trim();
        product.Unit = r.Unit.Trim();
        product.VatRate = r.VatRate;
        product.Status = r.Status;
        product.Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim();
        product.ImageUrls = string.Join('\n', r.ImageUrls);
        product.UpdatedAt = now;
        product.Channels.RemoveAll(c => !r.Channels.Contains(c.Channel));
        foreach (var c in r.Channels.Where(c => product.Channels.All(x => x.Channel != c))) product.Channels.Add(new ProductChannel { Channel = c });
        var position = 0;
        foreach (var input in r.Variants)
        {
            var variant = product.Variants.FirstOrDefault(v => v.Sku == input.Sku);
            if (variant is null) product.Variants.Add(variant = new Variant { Sku = input.Sku });
            variant.Name = string.IsNullOrWhiteSpace(input.Name) ? product.Name : input.Name.Trim();
            variant.Barcode = input.Barcode;
            variant.Position = position++;
            variant.SearchText = CatalogRules.SearchText(variant.Sku, variant.Name, product.Brand, variant.Barcode);
            var attributes = CatalogRules.ParseAttributes(input.Attributes, out _)!;
            variant.Attributes.RemoveAll(a => attributes.All(x => x.Key != a.Name));
            foreach (var (name, value) in attributes)
            {
                var existing = variant.Attributes.FirstOrDefault(a => a.Name == name);
                if (existing is null) variant.Attributes.Add(new VariantAttribute { Name = name, Value = value });
                else existing.Value = value;
            }
        }
        if (product.Id == 0) db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        foreach (var v in product.Variants) outbox.Add(new SkuChanged(v.Sku, product.Status));
        return product.Id;
    }
}

internal sealed record GetProduct(long? Id = null, string? Code = null) : IQuery<SaveProduct?>;

internal sealed class GetProductHandler(CatalogDbContext db) : IRequestHandler<GetProduct, SaveProduct?>
{
    public async Task<SaveProduct?> Handle(GetProduct r, CancellationToken ct)
    {
        var p = await db.Products.AsNoTracking().Include(x => x.Variants).ThenInclude(v => v.Attributes).Include(x => x.Channels)
            .SingleOrDefaultAsync(x => (r.Id != null && x.Id == r.Id) || (r.Code != null && x.Code == r.Code), ct);
        if (p is null) return null;
        var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == p.CategoryId, ct);
        return new SaveProduct(p.Id, p.Code, p.Name, p.Slug, category.Code, p.Brand, p.Unit, p.VatRate, p.Status, p.Description,
            p.Channels.Select(c => c.Channel).Order().ToList(), CatalogRules.SplitList(p.ImageUrls, '\n'),
            p.Variants.OrderBy(v => v.Position).ThenBy(v => v.Sku)
                .Select(v => new VariantInput(v.Sku, v.Name, v.Barcode, CatalogRules.FormatAttributes(v.Attributes.OrderBy(a => a.Name).Select(a => new KeyValuePair<string, string>(a.Name, a.Value)))))
                .ToList());
    }
}

/// <summary>The product code owning a SKU (to open a SKU's product page).</summary>
internal sealed record FindProductOfSku(string Sku) : IQuery<long?>;

internal sealed class FindProductOfSkuHandler(CatalogDbContext db) : IRequestHandler<FindProductOfSku, long?>
{
    public async Task<long?> Handle(FindProductOfSku r, CancellationToken ct) =>
        await db.Variants.Where(v => v.Sku == r.Sku).Select(v => (long?)v.ProductId).SingleOrDefaultAsync(ct);
}
