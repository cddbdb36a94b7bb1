using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Localization;

namespace OmniErp.Host.Identity;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

[Route("account")]
public sealed class AccountController(SignInManager<StaffUser> signIn, UserManager<StaffUser> users) : Controller
{
    [AllowAnonymous, HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous, HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (!ModelState.IsValid) return View(form);
        var user = await users.FindByEmailAsync(form.Email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", "This account is locked after too many failed sign-ins. Try again in 15 minutes or ask an administrator.");
            Response.StatusCode = StatusCodes.Status423Locked;
            return View(form);
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "The email or password is not right.");
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return View(form);
        }

        SetCultureCookie(user!.Culture);
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    [Authorize, HttpPost("sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }

    [AllowAnonymous, HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("~/Views/Shared/Status.cshtml", 403);
    }

    /// <summary>Switches the UI language and remembers it for the signed-in user.</summary>
    [AllowAnonymous, HttpPost("language")]
    public async Task<IActionResult> Language(string culture, string? returnUrl)
    {
        culture = TextLocalizer.Supported.Any(c => c.Name == culture) ? culture : TextLocalizer.English.Name;
        SetCultureCookie(culture);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            user.Culture = culture;
            await users.UpdateAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    private void SetCultureCookie(string culture) =>
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
