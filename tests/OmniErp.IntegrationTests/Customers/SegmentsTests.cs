using OmniErp.Customers.Segments;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OmniErp.IntegrationTests.Customers;

/// <summary>RFM, CLV and the omnichannel comparison on the demo database; prints the figures it finds.</summary>
public sealed class SegmentsTests(ITestOutputHelper output)
{
    [SkippableTheory, Databases]
    public async Task On_the_demo_data_every_buyer_has_one_segment_and_one_channel_group_and_the_ratio_is_the_ratio_of_the_averages(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);

        var report = await host.SendAsync(new GetSegments());

        Assert.True(report.Buyers > 0);
        Assert.Equal(report.Buyers, report.Segments.Sum(s => s.Customers));
        Assert.Equal(report.Buyers, report.Omnichannel.Customers + report.SingleChannel.Customers);
        Assert.True(report.Omnichannel.Customers > 0 && report.SingleChannel.Customers > 0);
        var netSpend = await host.ScalarAsync<decimal>("SELECT SUM(amount - refunded) FROM customers.purchases WHERE currency = 'VND'");
        Assert.True(Math.Abs(netSpend - report.Segments.Sum(s => s.NetSpend)) < 1m);
        Assert.Equal(decimal.Round(report.Omnichannel.AvgNetSpend / report.SingleChannel.AvgNetSpend, 2), report.OmnichannelSpendRatio);
        Assert.All(report.Top, s => Assert.True(s.Recency is >= 1 and <= 5 && s.Frequency is >= 1 and <= 5 && s.Monetary is >= 1 and <= 5 && s.Clv >= 0));

        output.WriteLine($"{db}: {report.Buyers} buyers; omnichannel {report.Omnichannel.Customers} (avg net spend {report.Omnichannel.AvgNetSpend:N0} ₫, "
            + $"avg orders {report.Omnichannel.AvgOrders}, AOV {report.Omnichannel.AvgOrderValue:N0}, CLV {report.Omnichannel.AvgClv:N0}) vs single-channel "
            + $"{report.SingleChannel.Customers} (avg net spend {report.SingleChannel.AvgNetSpend:N0} ₫, avg orders {report.SingleChannel.AvgOrders}, "
            + $"AOV {report.SingleChannel.AvgOrderValue:N0}, CLV {report.SingleChannel.AvgClv:N0}); spend ratio {report.OmnichannelSpendRatio}");
        foreach (var s in report.Segments) output.WriteLine($"  {s.Segment}: {s.Customers} customers, {s.NetSpend:N0} ₫");
    }
}
