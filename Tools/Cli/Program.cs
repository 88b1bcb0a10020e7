using SocialGame.Tools;

return await ToolMain.RunAsync(args);
