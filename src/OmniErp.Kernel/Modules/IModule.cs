using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.GraphQL;

namespace OmniErp.Kernel.Modules;

/// <summary>
/// What a module tells the host: its services, its back-office menu, its Vietnamese texts and its demo data.
/// Each module has exactly one public implementation of this; everything else it owns is internal.
/// </summary>
public interface IModule
{
    /// <summary>Display name and MVC area, e.g. <c>Catalog</c>.</summary>
    string Name { get; }

    /// <summary>The module's PostgreSQL schema and SQLite table prefix, e.g. <c>catalog</c>; also its folder under <c>db/</c>.</summary>
    string Schema { get; }

    /// <summary>Migration and seeding order; a module comes after the modules whose contracts its seed uses.</summary>
    int Order { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    IReadOnlyList<MenuItem> Menu { get; }

    /// <summary>English UI text → Vietnamese.</summary>
    IReadOnlyDictionary<string, string> Vietnamese { get; }

    /// <summary>Seeds demo data into an empty database (called in a scope, in <see cref="Order"/>).</summary>
    Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct);

    /// <summary>
    /// Adds the module's storefront GraphQL: its types, root fields, and extensions of other modules' types by name.
    /// Resolvers only send requests; the caller's channel and customer come from <c>StorefrontRequest</c>.
    /// </summary>
    void AddGraphQL(SchemaBuilder schema)
    {
    }

    /// <summary>
    /// A partial view (its path in the module, e.g. <c>/Dashboard/_Home.cshtml</c>) that the back-office home page shows
    /// above the modules' links: what the signed-in role looks at first. Null when the module offers none.
    /// </summary>
    string? HomePanel => null;

    Assembly Assembly => GetType().Assembly;
}

/// <summary>A back-office navigation entry; shown only to the given roles (all signed-in staff when empty).</summary>
public sealed record MenuItem(string Text, string Url, IReadOnlyList<string> Roles, int Order = 0);

/// <summary>The deterministic randomness and scale of the demo seed.</summary>
public sealed class DemoSeed(int seed = 20260101, double scale = 1.0)
{
    public Random Random { get; } = new(seed);
    public double Scale { get; } = scale;

    /// <summary>A fixed "today" for the demo so seeded history is reproducible; orders span the 90 days before it.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    public int Scaled(int count) => Math.Max(1, (int)Math.Round(count * Scale));
}

/// <summary>Back-office roles.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Merchandiser = "Merchandiser";
    public const string StoreManager = "StoreManager";
    public const string StoreClerk = "StoreClerk";
    public const string Accountant = "Accountant";

    public static readonly IReadOnlyList<string> All = [Admin, Merchandiser, StoreManager, StoreClerk, Accountant];

    /// <summary>Comma-joined role lists for <c>[Authorize(Roles = …)]</c>.</summary>
    public const string Everyone = "Admin,Merchandiser,StoreManager,StoreClerk,Accountant";
    public const string Merchandising = "Admin,Merchandiser";
    public const string StoreStaff = "Admin,StoreManager,StoreClerk";
    public const string StoreManagement = "Admin,StoreManager";
    public const string Finance = "Admin,Accountant";
}
