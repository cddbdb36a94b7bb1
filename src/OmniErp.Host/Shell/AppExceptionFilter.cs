using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using OmniErp.Kernel.Errors;

namespace OmniErp.Host.Shell;

/// <summary>
/// An <see cref="AppException"/> an action did not handle becomes a page that says what was wrong, with the
/// status it deserves (400, 404, 409, 403), never a 500.
/// </summary>
internal sealed class AppExceptionFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not AppException ex) return;
        var status = ex.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        context.Result = new ViewResult
        {
            ViewName = "~/Views/Shared/Problem.cshtml",
            StatusCode = status,
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(new EmptyModelMetadataProvider(), context.ModelState) { Model = ex },
        };
        context.ExceptionHandled = true;
    }
}

public static class ModelStateExtensions
{
    /// <summary>Shows each error beside its field (or at the top of the form when it names none).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, AppException ex, string prefix = "")
    {
        foreach (var error in ex.Errors)
        {
            var key = string.IsNullOrEmpty(error.Field) ? "" : string.IsNullOrEmpty(prefix) ? error.Field : $"{prefix}.{error.Field}";
            modelState.AddModelError(key, error.Message);
        }
    }
}
