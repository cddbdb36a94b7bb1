using System.Text;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Catalog.ProductImport;

internal sealed record ImportPageModel(ImportSummary? Summary, IReadOnlyList<ImportError> Errors, string? FileName);

[Area("Catalog"), Route("catalog/import"), Authorize(Roles = Roles.Merchandising)]
internal sealed class ProductImportController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(new ImportPageModel(null, [], null));

    [HttpPost(""), RequestSizeLimit(100_000_000), RequestFormLimits(MultipartBodyLengthLimit = 100_000_000)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new ImportPageModel(null, [new ImportError(0, "file", "Choose a CSV file.")], null));
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await reader.ReadToEndAsync(ct);
        try
        {
            var summary = await mediator.Send(new ImportCatalog(text), ct);
            return View("Index", new ImportPageModel(summary, [], file.FileName));
        }
        catch (CatalogImportRefused ex)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new ImportPageModel(null, ex.Rows, file.FileName));
        }
    }

    [HttpGet("export.csv")]
    public async Task Export(CancellationToken ct)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"catalog.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(true), 1 << 16);
        await mediator.Send(new ExportCatalog(writer), ct);
        await writer.FlushAsync(ct);
    }
}
