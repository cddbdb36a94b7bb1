using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OmniErp.Host.Identity;

/// <summary>Adds the user's display name and home store to the sign-in cookie so pages need no lookup.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "omnierp:name";
    public const string HomeStoreClaim = "omnierp:store";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        if (!string.IsNullOrEmpty(user.HomeStore)) identity.AddClaim(new Claim(HomeStoreClaim, user.HomeStore));
        return identity;
    }
}
