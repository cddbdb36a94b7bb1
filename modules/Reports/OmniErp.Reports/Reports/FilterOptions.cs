using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using MediatR;

namespace OmniErp.Reports.Reports;

internal sealed class Option
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
}

internal sealed record FilterOptions(IReadOnlyList<Option> Channels, IReadOnlyList<Option> Stores, IReadOnlyList<Option> Categories);

/// <summary>The choices of the filter form: channels, locations and categories.</summary>
internal sealed record GetFilterOptions : IQuery<FilterOptions>;

internal sealed class GetFilterOptionsHandler(DbSession session) : IRequestHandler<GetFilterOptions, FilterOptions>
{
    public async Task<FilterOptions> Handle(GetFilterOptions request, CancellationToken cancellationToken) => new(
        (await session.QueryAsync<Option>("SELECT code AS Code, name AS Name FROM kernel.channels ORDER BY code", null, cancellationToken)).ToList(),
        (await session.QueryAsync<Option>("SELECT code AS Code, name AS Name FROM inventory.report_locations ORDER BY code", null, cancellationToken)).ToList(),
        (await session.QueryAsync<Option>("SELECT code AS Code, path AS Name FROM catalog.report_categories ORDER BY path", null, cancellationToken)).ToList());
}
