using System.Reflection;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Host;
using OmniErp.Kernel.Modules;

namespace OmniErp.ArchitectureTests;

/// <summary>
/// The module rules the compiler cannot enforce alone: a module reaches another only through its Contracts, exposes
/// nothing but its module class, and every page says who may see it.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly IReadOnlyList<IModule> Modules = ModuleList.All;
    private static readonly string[] ModuleNames = Modules.Select(m => m.Assembly.GetName().Name!).ToArray();

    public static TheoryData<string> ModuleAssemblies() => new(ModuleNames);

    private static Assembly Load(string name) => Modules.Single(m => m.Assembly.GetName().Name == name).Assembly;

    [Theory, MemberData(nameof(ModuleAssemblies))]
    public void A_module_references_no_other_module_implementation(string module)
    {
        var references = Load(module).GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var forbidden = references.Where(r => ModuleNames.Contains(r) && r != module).ToList();
        Assert.True(forbidden.Count == 0, $"{module} references the implementation of {string.Join(", ", forbidden)}; use its .Contracts instead.");
    }

    [Theory, MemberData(nameof(ModuleAssemblies))]
    public void A_module_references_only_the_kernel_the_engine_contracts_and_frameworks(string module)
    {
        var own = Load(module).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("OmniErp.", StringComparison.Ordinal));
        var allowed = new[] { "OmniErp.Kernel", "OmniErp.GraphQL" };
        var bad = own.Where(n => !allowed.Contains(n) && !n.EndsWith(".Contracts", StringComparison.Ordinal) && n != module).ToList();
        Assert.True(bad.Count == 0, $"{module} references {string.Join(", ", bad)}");
    }

    [Theory, MemberData(nameof(ModuleAssemblies))]
    public void A_module_exposes_nothing_but_its_module_class(string module)
    {
        var exposed = Load(module).GetExportedTypes()
            .Where(t => !typeof(IModule).IsAssignableFrom(t))
            .Where(t => !t.Namespace!.StartsWith("AspNetCoreGeneratedDocument", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(exposed.Count == 0, $"{module} exposes {string.Join(", ", exposed)}; make them internal or move them to its Contracts.");
        Assert.Single(Load(module).GetExportedTypes(), t => typeof(IModule).IsAssignableFrom(t));
    }

    [Theory, MemberData(nameof(ModuleAssemblies))]
    public void A_contracts_assembly_references_only_the_kernel(string module)
    {
        // A module that offers nothing to others (Reports) has no Contracts assembly.
        var contracts = TryLoad(module + ".Contracts");
        if (contracts is null) return;
        var own = contracts.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("OmniErp.", StringComparison.Ordinal)).ToList();
        Assert.True(own.All(n => n == "OmniErp.Kernel"), $"{contracts.GetName().Name} references {string.Join(", ", own)}");
    }

    [Fact]
    public void The_GraphQL_engine_holds_no_retail_code()
    {
        var engine = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "OmniErp.GraphQL")
                     ?? TryLoad("OmniErp.GraphQL");
        if (engine is null) return; // not part of this build yet
        var own = engine.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("OmniErp.", StringComparison.Ordinal)).ToList();
        Assert.Empty(own);
    }

    [Fact]
    public void Every_controller_declares_who_may_use_it()
    {
        var assemblies = Modules.Select(m => m.Assembly).Append(typeof(ModuleList).Assembly);
        var undeclared = new List<string>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var classDeclares = type.GetCustomAttributes<AuthorizeAttribute>(true).Any() || type.GetCustomAttributes<AllowAnonymousAttribute>(true).Any();
            foreach (var action in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null))
            {
                var actionDeclares = action.GetCustomAttributes<AuthorizeAttribute>().Any() || action.GetCustomAttributes<AllowAnonymousAttribute>().Any();
                if (!classDeclares && !actionDeclares) undeclared.Add($"{type.FullName}.{action.Name}");
            }
        }
        Assert.True(undeclared.Count == 0, "Actions without [Authorize(Roles=…)] or [AllowAnonymous]:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public void Module_controllers_restrict_to_roles_not_just_sign_in()
    {
        var loose = Modules.Select(m => m.Assembly).SelectMany(a => a.GetTypes())
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => t.GetCustomAttributes<AuthorizeAttribute>(true).All(a => string.IsNullOrEmpty(a.Roles)) &&
                        t.GetCustomAttributes<AllowAnonymousAttribute>(true).Any() is false &&
                        t.GetMethods().Where(m => m.DeclaringType == t).All(m => m.GetCustomAttributes<AuthorizeAttribute>().All(a => string.IsNullOrEmpty(a.Roles))))
            .Where(t => !IsApiForOutsiders(t))
            .Select(t => t.FullName).ToList();
        Assert.True(loose.Count == 0, "Controllers that any signed-in user may use (name the roles): " + string.Join(", ", loose));
    }

    [Fact]
    public void View_paths_are_unique_across_modules()
    {
        var paths = Modules.Select(m => m.Assembly)
            .SelectMany(a => a.GetCustomAttributes<Microsoft.AspNetCore.Razor.Hosting.RazorCompiledItemAttribute>().Select(i => (Assembly: a.GetName().Name, i.Identifier)))
            .Where(p => !p.Identifier.Contains("_View", StringComparison.Ordinal))
            .GroupBy(p => p.Identifier, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(", ", g.Select(x => x.Assembly))}")
            .ToList();
        Assert.True(paths.Count == 0, "Feature folders must be unique across modules: " + string.Join("; ", paths));
    }

    private static bool IsApiForOutsiders(Type controller) =>
        controller.GetCustomAttributes<AllowAnonymousAttribute>(true).Any() ||
        controller.GetMethods().Any(m => m.GetCustomAttributes<AllowAnonymousAttribute>().Any());

    private static Assembly? TryLoad(string name)
    {
        try { return Assembly.Load(name); }
        catch (FileNotFoundException) { return null; }
    }
}

