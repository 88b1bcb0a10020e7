using System.Text.RegularExpressions;
using SocialGame.Core.Options;

namespace SocialGame.Modules.Account;

/// <summary><c>Config/account.json</c>: the cancellation rules and the texts the client shows.</summary>
internal sealed class AccountOptions : IValidatableOptions
{
    public const string FileName = "account.json";

    /// <summary>Days between the application and the deletion (the seed's 15-day cooling period).</summary>
    public int CoolingDays { get; set; } = 15;
    /// <summary>At most this many applications...</summary>
    public int MaxApplications { get; set; } = 3;
    /// <summary>...within this many days.</summary>
    public int WindowDays { get; set; } = 30;
    /// <summary>Bound relations that block a cancellation while they exist (records <c>bind.NAME</c>).</summary>
    public List<string> BoundRelations { get; set; } = ["cp", "guardian"];
    /// <summary>How often each node looks for due records.</summary>
    public int JobIntervalSeconds { get; set; } = 30;
    /// <summary>A claimed record not finished after this long (a node died mid-deletion) is claimed again.</summary>
    public int ClaimLeaseSeconds { get; set; } = 120;
    public CancelTexts Texts { get; set; } = new();

    public void Validate(OptionsValidator v)
    {
        v.Range("coolingDays", CoolingDays, 0, 365);
        v.Range("maxApplications", MaxApplications, 1, 1000);
        v.Range("windowDays", WindowDays, 1, 3650);
        for (int i = 0; i < BoundRelations.Count; i++)
            if (!Common.Validate.Text(BoundRelations[i], 32) || BoundRelations[i].Contains(' '))
                v.Error($"boundRelations[{i}]", "must be a short name");
        v.Range("jobIntervalSeconds", JobIntervalSeconds, 1, 86400);
        v.Range("claimLeaseSeconds", ClaimLeaseSeconds, 5, 86400);
        v.Nested("texts", Texts);
    }
}

internal sealed partial class CancelTexts : IValidatableOptions
{
    public string Applied { get; set; } = "Your account will be deleted after the cooling period. Log in again to keep it.";
    public string AlreadyApplied { get; set; } = "Your cancellation is already in its cooling period.";
    public string FamilyLeader { get; set; } = "Family leaders must hand over the family first.";
    public string Bound { get; set; } = "Please remove your bound relations first.";
    public string TooOften { get; set; } = "You have applied too often recently; please try again later.";
    public string AlreadyCancelled { get; set; } = "This account has been cancelled.";
    public string Withdrawn { get; set; } = "Your cancellation has been withdrawn.";
    public string NoneActive { get; set; } = "There is no cancellation to withdraw.";
    /// <summary>The app's name in the welcome back ({app}), Chinese and English.</summary>
    public string AppName { get; set; } = "社交游戏";
    public string AppNameEn { get; set; } = "SocialGame";
    /// <summary>The welcome back mail sent when coming online withdraws a cancellation: Chinese, and English for a login whose lang starts
    /// with "en".</summary>
    public string WelcomeBackTitle { get; set; } = "欢迎回来";
    public string WelcomeBackTitleEn { get; set; } = "Welcome back";
    /// <summary>"{nickname}" is replaced by the player's nickname, "{app}" by the app's name.</summary>
    public string WelcomeBackText { get; set; } = "你好{nickname}，欢迎回到{app}！你的账号注销申请已撤回。";
    public string WelcomeBackTextEn { get; set; } = "Hi {nickname}, welcome back to {app}! Your account cancellation has been withdrawn.";

    /// <summary>The welcome back mail (title, text) in the language of <paramref name="lang"/>, placeholders filled.</summary>
    public (string Title, string Text) WelcomeBack(string lang, string nickname)
    {
        bool en = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        string text = en ? WelcomeBackTextEn : WelcomeBackText;
        return (en ? WelcomeBackTitleEn : WelcomeBackTitle,
            text.Replace("{app}", en ? AppNameEn : AppName, StringComparison.Ordinal)
                .Replace("{nickname}", nickname, StringComparison.Ordinal));
    }

    public void Validate(OptionsValidator v)
    {
        foreach (var (name, value) in new[] { ("applied", Applied), ("alreadyApplied", AlreadyApplied), ("familyLeader", FamilyLeader),
            ("bound", Bound),
                     ("tooOften", TooOften), ("alreadyCancelled", AlreadyCancelled), ("withdrawn", Withdrawn), ("noneActive", NoneActive),
                     ("appName", AppName), ("appNameEn", AppNameEn), ("welcomeBackTitle", WelcomeBackTitle),
                     ("welcomeBackTitleEn", WelcomeBackTitleEn), ("welcomeBackText", WelcomeBackText),
                     ("welcomeBackTextEn", WelcomeBackTextEn) })
            if (!Common.Validate.Text(value, 500)) v.Error(name, "must be 1-500 characters");
        foreach (var (name, value) in new[] { ("welcomeBackText", WelcomeBackText), ("welcomeBackTextEn", WelcomeBackTextEn) })
            if (Placeholder().Matches(value).Select(m => m.Value).FirstOrDefault(p => p is not ("{nickname}" or "{app}")) is { } unknown)
                v.Error(name, $"unknown placeholder {unknown} (use {{nickname}} and {{app}})");
    }

    [GeneratedRegex(@"\{[^{}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
