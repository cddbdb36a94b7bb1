using MediatR;
using Microsoft.Extensions.Logging;
using OmniErp.Customers.Contracts;
using OmniErp.Orders.Contracts;

namespace OmniErp.Orders.Notifications;

/// <summary>Sends an e-mail. The default adapter logs; a real one (SMTP, a provider) replaces it in DI.</summary>
internal interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>Sends an SMS. The default adapter logs; a real one (an SMS gateway) replaces it in DI.</summary>
internal interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

internal sealed class LogEmailSender(ILogger<LogEmailSender> log) : IEmailSender
{
    public Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        log.LogInformation("E-mail to {To}: {Subject} — {Body}", to, subject, body);
        return Task.CompletedTask;
    }
}

internal sealed class LogSmsSender(ILogger<LogSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        log.LogInformation("SMS to {Phone}: {Text}", phone, text);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Tells the customer about their order, fed by the outbox (delivered after the order's transaction commits, once per
/// event thanks to the dispatcher's inbox): SMS when a phone is known, e-mail when an address is known.
/// </summary>
internal sealed class OrderNotifier(IMediator mediator, IEmailSender email, ISmsSender sms)
    : INotificationHandler<OrderPlaced>, INotificationHandler<OrderShipped>, INotificationHandler<OrderReadyForPickup>,
      INotificationHandler<OrderCancelled>, INotificationHandler<OrderReturned>
{
    public Task Handle(OrderPlaced e, CancellationToken ct) =>
        SendAsync(e.CustomerId, $"Đơn hàng {e.Number} đã được đặt", $"Cảm ơn bạn! Đơn {e.Number} trị giá {e.Total:#,0} {e.Currency} đã được ghi nhận.", ct);

    public Task Handle(OrderShipped e, CancellationToken ct) =>
        SendAsync(e.CustomerId, $"Đơn hàng {e.Number} đang được giao", $"Đơn {e.Number} đã rời kho và đang trên đường giao đến bạn.", ct);

    public Task Handle(OrderReadyForPickup e, CancellationToken ct) =>
        SendAsync(e.CustomerId, $"Đơn hàng {e.Number} sẵn sàng để nhận", $"Đơn {e.Number} đã sẵn sàng tại cửa hàng {e.Store}.", ct);

    public Task Handle(OrderCancelled e, CancellationToken ct) => CancelledAsync(e, ct);

    public Task Handle(OrderReturned e, CancellationToken ct) =>
        SendAsync(e.CustomerId, $"Hoàn trả đơn {e.Number}", $"Chúng tôi đã nhận hàng trả của đơn {e.Number}; hoàn tiền {e.RefundAmount:#,0} {e.Currency}.", ct);

    private async Task CancelledAsync(OrderCancelled e, CancellationToken ct)
    {
        // OrderCancelled carries no customer; the order's own row has it, but a notice without one is still logged.
        await email.SendAsync("(orders desk)", $"Đơn hàng {e.Number} đã hủy", $"Đơn {e.Number} đã hủy: {e.Reason}", ct);
    }

    private async Task SendAsync(long? customerId, string subject, string text, CancellationToken ct)
    {
        if (customerId is not { } id) return;
        var customer = await mediator.Send(new GetCustomer(id), ct);
        if (customer is null) return;
        if (!string.IsNullOrWhiteSpace(customer.Phone)) await sms.SendAsync(customer.Phone, text, ct);
        if (!string.IsNullOrWhiteSpace(customer.Email)) await email.SendAsync(customer.Email, subject, text, ct);
    }
}
