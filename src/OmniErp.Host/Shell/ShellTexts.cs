namespace OmniErp.Host.Shell;

/// <summary>Vietnamese for the shell's own texts (sign-in, navigation, users, status pages).</summary>
internal static class ShellTexts
{
    public static readonly IReadOnlyDictionary<string, string> Vietnamese = new Dictionary<string, string>
    {
        ["Sign in"] = "Đăng nhập",
        ["Sign out"] = "Đăng xuất",
        ["Email"] = "Email",
        ["Password"] = "Mật khẩu",
        ["Remember me"] = "Ghi nhớ đăng nhập",
        ["Home"] = "Trang chủ",
        ["Users"] = "Người dùng",
        ["Staff users"] = "Tài khoản nhân viên",
        ["New user"] = "Thêm người dùng",
        ["Name"] = "Họ tên",
        ["Role"] = "Vai trò",
        ["Home store"] = "Cửa hàng",
        ["Language"] = "Ngôn ngữ",
        ["Status"] = "Trạng thái",
        ["Locked"] = "Đã khóa",
        ["Active"] = "Hoạt động",
        ["Unlock"] = "Mở khóa",
        ["Edit"] = "Sửa",
        ["Save"] = "Lưu",
        ["Cancel"] = "Hủy",
        ["Search"] = "Tìm kiếm",
        ["Saved."] = "Đã lưu.",
        ["Unlocked."] = "Đã mở khóa.",
        ["Welcome"] = "Xin chào",
        ["Back office"] = "Quản trị",
        ["One price truth and one stock truth across every channel."] = "Một giá, một tồn kho trên mọi kênh bán.",
        ["Leave empty to keep the current password."] = "Để trống nếu giữ nguyên mật khẩu.",
        ["Page not found"] = "Không tìm thấy trang",
        ["You are not allowed to see this page"] = "Bạn không có quyền xem trang này",
        ["Something went wrong on our side"] = "Đã có lỗi phía hệ thống",
        ["The request could not be completed"] = "Không thể thực hiện yêu cầu",
        ["Back to the home page"] = "Về trang chủ",
        ["Open"] = "Mở",
        ["Failed sign-ins"] = "Lần đăng nhập sai",
        ["The email or password is not right."] = "Email hoặc mật khẩu không đúng.",
        ["This account is locked after too many failed sign-ins. Try again in 15 minutes or ask an administrator."] =
            "Tài khoản bị khóa do đăng nhập sai nhiều lần. Hãy thử lại sau 15 phút hoặc liên hệ quản trị viên.",
        ["Enter your email address."] = "Nhập địa chỉ email.",
        ["Enter a valid email address."] = "Nhập email hợp lệ.",
        ["Enter your password."] = "Nhập mật khẩu.",
    };
}
