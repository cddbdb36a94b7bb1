using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Modules;

namespace OmniErp.Host.Identity;

public sealed class UserForm
{
    public string? Id { get; set; }

    [Required(ErrorMessage = "Enter an email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(200)]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; set; } = Roles.StoreClerk;

    [StringLength(32)]
    public string? HomeStore { get; set; }

    public string Culture { get; set; } = "vi-VN";

    /// <summary>Required for a new user; leave empty to keep the current password.</summary>
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

public sealed record UserRow(string Id, string Email, string DisplayName, string Role, string? HomeStore, bool LockedOut, int FailedSignIns);

/// <summary>Staff accounts: Admin only.</summary>
[Authorize(Roles = Roles.Admin), Route("admin/users")]
public sealed class UsersController(UserManager<StaffUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var rows = new List<UserRow>();
        foreach (var u in await users.Users.OrderBy(u => u.Email).ToListAsync())
        {
            var roles = await users.GetRolesAsync(u);
            rows.Add(new UserRow(u.Id, u.Email ?? "", u.DisplayName, string.Join(", ", roles), u.HomeStore,
                u.LockoutEnd > DateTimeOffset.UtcNow, u.AccessFailedCount));
        }
        return View(rows);
    }

    [HttpGet("new")]
    public IActionResult Create() => View("Edit", new UserForm());

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.StoreClerk;
        return View(new UserForm { Id = user.Id, Email = user.Email ?? "", DisplayName = user.DisplayName, Role = role, HomeStore = user.HomeStore, Culture = user.Culture });
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(UserForm form)
    {
        if (!Roles.All.Contains(form.Role)) ModelState.AddModelError(nameof(form.Role), "Choose one of the listed roles.");
        if (form.Id is null && string.IsNullOrWhiteSpace(form.Password)) ModelState.AddModelError(nameof(form.Password), "Enter a password for the new user.");
        if (!ModelState.IsValid) return View("Edit", form);

        var user = form.Id is null ? new StaffUser() : await users.FindByIdAsync(form.Id);
        if (user is null) return NotFound();
        user.UserName = form.Email;
        user.Email = form.Email;
        user.DisplayName = form.DisplayName;
        user.HomeStore = string.IsNullOrWhiteSpace(form.HomeStore) ? null : form.HomeStore.Trim();
        user.Culture = form.Culture == "en-US" ? "en-US" : "vi-VN";

        var result = form.Id is null ? await users.CreateAsync(user, form.Password!) : await users.UpdateAsync(user);
        if (result.Succeeded && form.Id is not null && !string.IsNullOrWhiteSpace(form.Password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            result = await users.ResetPasswordAsync(user, token, form.Password);
        }
        if (result.Succeeded)
        {
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current.Where(r => r != form.Role));
            if (!current.Contains(form.Role)) result = await users.AddToRoleAsync(user, form.Role);
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(form.Password) : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(form.Email) : "", e.Description);
            return View("Edit", form);
        }
        TempData["Flash"] = "Saved.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Flash"] = "Unlocked.";
        return RedirectToAction(nameof(Index));
    }
}
