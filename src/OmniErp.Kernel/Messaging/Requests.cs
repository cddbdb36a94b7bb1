using MediatR;

namespace OmniErp.Kernel.Messaging;

/// <summary>A request that changes state: it runs in one transaction with the outbox.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>
/// A command whose handler reads what it needs first and then opens its own unit of work around the writes
/// (<see cref="UnitOfWork.RunAsync{T}"/>), so its transaction — on SQLite, the database's one write lock — spans only
/// the writes. Sent inside another command's transaction, it simply joins that transaction.
/// </summary>
public interface IStagedCommand<out TResponse> : ICommand<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
