using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace OmniErp.Host.Shell;

/// <summary>MVC finds only public controllers; a module keeps its controllers internal, so they are admitted here.</summary>
internal sealed class InternalControllerFeatureProvider(IEnumerable<Assembly> moduleAssemblies) : ControllerFeatureProvider
{
    private readonly HashSet<Assembly> _modules = [.. moduleAssemblies];

    protected override bool IsController(TypeInfo typeInfo) =>
        base.IsController(typeInfo) ||
        (_modules.Contains(typeInfo.Assembly) && typeInfo is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false, IsNested: false }
            && typeof(Controller).IsAssignableFrom(typeInfo) && typeInfo.Name.EndsWith("Controller", StringComparison.Ordinal));
}
