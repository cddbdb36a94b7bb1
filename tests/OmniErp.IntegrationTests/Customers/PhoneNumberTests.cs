using FsCheck;
using FsCheck.Fluent;
using OmniErp.Customers.Profiles;
using Xunit;

namespace OmniErp.IntegrationTests.Customers;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("0912 345 678")]
    [InlineData("0912345678")]
    [InlineData("+84 912 345 678")]
    [InlineData("+84912345678")]
    [InlineData("84912345678")]
    [InlineData("0084912345678")]
    [InlineData("0084 912 345 678")]
    [InlineData("(+84) 912.345.678")]
    [InlineData("+84 (0) 912 345 678")]
    [InlineData("0912-345-678")]
    [InlineData("  0912 345 678  ")]
    [InlineData("912345678")]
    [InlineData("0912\u00A0345\u00A0678")]
    public void Every_way_of_writing_one_mobile_number_is_the_same_number(string written) =>
        Assert.Equal("+84912345678", PhoneNumber.Normalize(written));

    [Theory]
    [InlineData("01681234567", "+84381234567")]
    [InlineData("+84 168 123 4567", "+84381234567")]
    [InlineData("0121 234 5678", "+84792345678")]
    [InlineData("01234567890", "+84834567890")]
    [InlineData("0199 123 4567", "+84591234567")]
    public void An_old_eleven_digit_mobile_number_is_its_renumbered_successor(string old, string expected) =>
        Assert.Equal(expected, PhoneNumber.Normalize(old));

    [Theory]
    [InlineData("024 3825 1234", "+842438251234")]
    [InlineData("(028) 3823 4567", "+842838234567")]
    [InlineData("+84 236 382 1234", "+842363821234")]
    public void A_landline_with_its_area_code_is_a_phone_number(string written, string expected) =>
        Assert.Equal(expected, PhoneNumber.Normalize(written));

    [Theory]
    [InlineData("0843 456 789", "+84843456789")]
    [InlineData("843456789", "+84843456789")]
    [InlineData("84843456789", "+84843456789")]
    public void A_mobile_number_that_itself_starts_with_84_is_not_mistaken_for_a_country_code(string written, string expected) =>
        Assert.Equal(expected, PhoneNumber.Normalize(written));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("0912 345 67")]
    [InlineData("0912 345 6789")]
    [InlineData("+1 415 555 0100")]
    [InlineData("0112 345 678")]
    [InlineData("0412345678")]
    [InlineData("+84 0 0912 345 678")]
    [InlineData("0912345678 ext 2")]
    [InlineData("09123+45678")]
    public void Text_that_is_not_a_Vietnamese_number_is_refused(string? written) =>
        Assert.Null(PhoneNumber.Normalize(written));

    [Theory]
    [InlineData("+84912345678", "0912 345 678")]
    [InlineData("+842438251234", "024 3825 1234")]
    public void The_canonical_number_is_shown_in_national_form(string canonical, string shown) =>
        Assert.Equal(shown, PhoneNumber.Display(canonical));

    [Fact]
    public void Normalizing_is_idempotent_and_every_written_form_of_a_mobile_number_agrees()
    {
        var prefixes = new[] { "3", "5", "7", "8", "9" };
        var gen =
            from prefix in Gen.Elements(prefixes)
            from rest in Gen.ArrayOf(Gen.Choose(0, 9), 8)
            from style in Gen.Choose(0, 5)
            from separator in Gen.Elements(" ", ".", "-", "", "\u00A0")
            select (Number: prefix + string.Concat(rest), Style: style, Separator: separator);

        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var n = c.Number;
            var grouped = string.Join(c.Separator, n[..2], n[2..5], n[5..]);
            var written = c.Style switch
            {
                0 => "0" + grouped,
                1 => "+84" + c.Separator + grouped,
                2 => "84" + n,
                3 => "0084" + c.Separator + grouped,
                4 => "(+84) " + grouped,
                _ => "+84 (0) " + grouped,
            };
            var canonical = PhoneNumber.Normalize(written);
            return canonical == "+84" + n && PhoneNumber.Normalize(canonical) == canonical && PhoneNumber.Normalize(PhoneNumber.Display(canonical!)) == canonical;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(" An.Nguyen@Gmail.COM ", "an.nguyen@gmail.com")]
    [InlineData("lan@omnierp.vn", "lan@omnierp.vn")]
    public void An_email_is_trimmed_and_lower_cased(string written, string expected) =>
        Assert.Equal(expected, EmailAddress.Normalize(written));

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("a@b")]
    [InlineData("@omnierp.vn")]
    [InlineData("a@@omnierp.vn")]
    [InlineData("a b@omnierp.vn")]
    public void Text_that_is_not_an_email_is_refused(string written) => Assert.Null(EmailAddress.Normalize(written));
}
