using Microsoft.AspNetCore.Identity;

namespace OmniErp.Host.Identity;

/// <summary>A back-office user: a member of staff with one or more roles.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The UI culture the user chose: <c>en-US</c> or <c>vi-VN</c>.</summary>
    public string Culture { get; set; } = "en-US";

    /// <summary>The store a store manager or clerk works in (a location code), shown first on their pages.</summary>
    public string? HomeStore { get; set; }
}
