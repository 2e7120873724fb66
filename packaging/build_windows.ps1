# Builds the SignDesk desktop app for Windows from the same PyInstaller spec
# as Linux (packaging\signdesk.spec, one folder), smoke-tests it, signs it
# when given a code-signing certificate, and zips it.
#
# NOT TESTED: this script has never been run; SignDesk's CI builds and tests
# the Linux app only. Read it before you rely on it.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 -CertThumbprint 0123ABCD...
#
# Needs: Windows 10/11 x64, Python 3.11 or newer from python.org (the "py"
# launcher), internet access to PyPI; for signing, the Windows SDK's
# signtool.exe on PATH and an OV or EV code-signing certificate (on its USB
# token or in the certificate store; see README, "For shop owners").
param(
    [string]$Out = "build\frozen",
    [string]$Python = "3.11",
    [string]$CertThumbprint = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
# signdesk-cli writes UTF-8 (Python's UTF-8 mode, set in the spec); read it as such.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

function Run {
    # Native programs do not stop the script on failure by themselves.
    param([string]$Program, [Parameter(ValueFromRemainingArguments = $true)][string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$repo = Split-Path -Parent $PSScriptRoot
New-Item -ItemType Directory -Force -Path $Out | Out-Null
$Out = (Resolve-Path $Out).Path
$work = Join-Path $env:TEMP ("signdesk-build-" + [guid]::NewGuid().ToString("N"))
$started = Get-Date

# 1. The wheel, installed into a fresh venv: the app holds what a pip install holds.
Run py "-$Python" -m pip wheel --quiet --no-deps --wheel-dir "$work\dist" $repo
Run py "-$Python" -m venv "$work\venv"
$venvPython = "$work\venv\Scripts\python.exe"
$wheel = (Get-ChildItem "$work\dist\signdesk-*.whl").FullName
Run $venvPython -m pip install --quiet --disable-pip-version-check $wheel "pyinstaller>=6.10,<7"
$version = (& $venvPython -c "import signdesk; print(signdesk.__version__)").Trim()

# 2. The frozen app (signdesk.exe without a console window, signdesk-cli.exe with one).
if (Test-Path "$Out\signdesk") { Remove-Item -Recurse -Force "$Out\signdesk" }
Push-Location "$repo\packaging"
try {
    $env:PYTHONPATH = ""
    Run "$work\venv\Scripts\pyinstaller.exe" --noconfirm --log-level WARN --distpath $Out --workpath "$work\build" signdesk.spec
} finally { Pop-Location }
$app = "$Out\signdesk"

# 3. Smoke test, from a folder outside the checkout.
$smoke = Join-Path $work "smoke"
New-Item -ItemType Directory -Force -Path $smoke | Out-Null
Copy-Item "$repo\examples\bubble_tea_shop.signdesk" "$smoke\example.signdesk"
Push-Location $smoke
try {
    $said = (& "$app\signdesk-cli.exe" --version).Trim()
    if ($said -ne "SignDesk $version") { throw "--version said '$said'" }
    Run "$app\signdesk-cli.exe" render example.signdesk -o out --today 2026-11-22
    if (-not (Get-ChildItem out -Filter "sign-*.pdf")) { throw "render wrote no sign" }
    $check = & "$app\signdesk-cli.exe" check example.signdesk --lang zh --today 2026-11-22 | Out-String
    if ($check -notmatch "[\u4e00-\u9fff]") { throw "check --lang zh printed no Chinese" }
    $env:QT_QPA_PLATFORM = "offscreen"; $env:SIGNDESK_QUIT_WHEN_READY = "1"
    $window = Start-Process -FilePath "$app\signdesk.exe" -ArgumentList "example.signdesk" -PassThru
    if (-not $window.WaitForExit(120000)) { $window.Kill(); throw "the window did not open and quit within 2 minutes" }
    if ($window.ExitCode -ne 0) { throw "the window exited with $($window.ExitCode)" }
} finally {
    Remove-Item Env:QT_QPA_PLATFORM, Env:SIGNDESK_QUIT_WHEN_READY -ErrorAction SilentlyContinue
    Pop-Location
}

# 4. Sign both programs (SHA-256, RFC 3161 timestamp, so the signature outlives the certificate).
if ($CertThumbprint) {
    Run signtool sign /sha1 $CertThumbprint /fd SHA256 /tr $TimestampUrl /td SHA256 /d "SignDesk" "$app\signdesk.exe" "$app\signdesk-cli.exe"
    Run signtool verify /pa /v "$app\signdesk.exe" "$app\signdesk-cli.exe"
} else {
    Write-Warning "Not signed (no -CertThumbprint): Windows SmartScreen will warn whoever starts it."
}

# 5. The zip to hand over.
$zip = "$Out\signdesk-$version-windows-x64.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path $app -DestinationPath $zip
Remove-Item -Recurse -Force $work
$size = "{0:N0} MB" -f ((Get-ChildItem $app -Recurse -File | Measure-Object Length -Sum).Sum / 1MB)
Write-Host "SignDesk $version for Windows: $app ($size), $zip; built in $([int]((Get-Date) - $started).TotalSeconds) s"
