using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Kernel.Modules;

public static class ModuleRegistration
{
    /// <summary>
    /// Registers MediatR 5 (handlers, notification handlers and validators found by scanning the assemblies) and
    /// the pipeline: logging → validation → unit of work → handler.
    /// </summary>
    public static IServiceCollection AddMediatorFrom(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.TryAddScoped<ServiceFactory>(sp => sp.GetRequiredService);
        services.TryAddScoped<IMediator, Mediator>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>)));

        var open = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>) };
        foreach (var type in assemblies.Distinct().SelectMany(SafeTypes))
        {
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition) continue;
            foreach (var iface in type.GetInterfaces())
            {
                if (!iface.IsGenericType) continue;
                var definition = iface.GetGenericTypeDefinition();
                if (!open.Contains(definition)) continue;
                if (definition == typeof(IRequestHandler<,>)) services.AddScoped(iface, type);
                // Validators hold only their rules (no state, no scoped services): built once, not per request.
                else if (definition == typeof(IValidator<>)) services.TryAddEnumerable(ServiceDescriptor.Singleton(iface, type));
                else services.TryAddEnumerable(ServiceDescriptor.Scoped(iface, type));
            }
        }

        EventTypes.Register(assemblies.SelectMany(SafeTypes).Where(t => !t.IsAbstract && typeof(IIntegrationEvent).IsAssignableFrom(t)));
        return services;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException ex) { return ex.Types.Where(t => t is not null)!; }
    }
}
