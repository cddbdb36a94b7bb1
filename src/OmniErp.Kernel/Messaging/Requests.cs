using MediatR;

namespace OmniErp.Kernel.Messaging;

/// <summary>A request that changes state: it runs in one transaction with the outbox.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
