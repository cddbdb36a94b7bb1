using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;

namespace OmniErp.Host.Identity;

/// <summary>ASP.NET Core Identity's tables, in the <c>identity</c> schema with the same naming as every module.</summary>
public sealed class StaffDbContext(DbContextOptions<StaffDbContext> options, DbSession session) : IdentityDbContext<StaffUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.Culture).HasMaxLength(10);
            b.Property(u => u.HomeStore).HasMaxLength(32);
        });
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        ModuleDbContext.ApplyNaming(builder, "identity", session.Dialect);
    }
}
