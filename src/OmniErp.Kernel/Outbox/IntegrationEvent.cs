using MediatR;

namespace OmniErp.Kernel.Outbox;

/// <summary>
/// A fact one module tells the others, after its transaction commits. Integration events live in a module's
/// Contracts assembly, are past-tense (<c>OrderPlaced</c>), and are delivered at least once: handlers are idempotent
/// (the dispatcher records each delivery in the inbox, so a handler runs once per event even on redelivery).
/// </summary>
public interface IIntegrationEvent : INotification;

/// <summary>Queues integration events; they are written to the outbox in the command's transaction.</summary>
public interface IOutbox
{
    void Add(IIntegrationEvent @event);
}
