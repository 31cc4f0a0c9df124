Unicode true

## Goldseam's Windows installer. `make dist-windows` builds it with
##   scripts/wails build -platform windows/amd64 -nsis
## which writes wails_tools.nsh beside this file (the Wails macros used below) and runs
## makensis here. Before that, `make` writes identity.nsh: the version from the git tag and,
## when signing, the command that signs a file in place (scripts/sign-windows.sh).
## A plain `wails build -nsis` without make still works: it takes wails.json's values and
## signs nothing.

!include /NONFATAL "identity.nsh"

# Installed as C:\Program Files\Goldseam\Goldseam.exe, listed as "Goldseam" in Apps.
!define PRODUCT_EXECUTABLE "Goldseam.exe"
!define UNINST_KEY_NAME "Goldseam"

!include "wails_tools.nsh"

!ifndef GOLDSEAM_VERSION_NUMBER
    !define GOLDSEAM_VERSION_NUMBER "${INFO_PRODUCTVERSION}.0"
!endif
!ifndef GOLDSEAM_DESCRIPTION
    !define GOLDSEAM_DESCRIPTION "${INFO_PRODUCTNAME}"
!endif

# Signing happens while makensis works, so that what it packs is already signed: the
# program before it is packed, the uninstaller as it is written, the installer last.
!ifdef GOLDSEAM_SIGN
    !system '"${GOLDSEAM_SIGN}" "${ARG_WAILS_AMD64_BINARY}"' = 0
    !uninstfinalize '"${GOLDSEAM_SIGN}" "%1"' = 0
    !finalize '"${GOLDSEAM_SIGN}" "%1"' = 0
!endif

# Windows shows these in the installer's Properties > Details. Four numbers, as it requires.
VIProductVersion "${GOLDSEAM_VERSION_NUMBER}"
VIFileVersion    "${GOLDSEAM_VERSION_NUMBER}"
VIAddVersionKey /LANG=1033 "ProductName"     "${INFO_PRODUCTNAME}"
VIAddVersionKey /LANG=1033 "ProductVersion"  "${INFO_PRODUCTVERSION}"
VIAddVersionKey /LANG=1033 "FileVersion"     "${GOLDSEAM_VERSION_NUMBER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${INFO_PRODUCTNAME} Installer"
VIAddVersionKey /LANG=1033 "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey /LANG=1033 "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey /LANG=1033 "Comments"        "${GOLDSEAM_DESCRIPTION}"

ManifestDPIAware true

!include "MUI.nsh"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
# No "Open Goldseam" on the last page: the installer runs as administrator, and a program it
# started would too, perhaps as another account, keeping its data in that account's folder.
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Goldseam will be removed from this computer. Your journal and everything else you wrote stay in your data folder (%APPDATA%\Goldseam), untouched."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Name "${INFO_PRODUCTNAME}"
OutFile "..\..\bin\goldseam-${ARCH}-installer.exe"
InstallDir "$PROGRAMFILES64\${INFO_PRODUCTNAME}"
ShowInstDetails show

Function .onInit
    !insertmacro wails.checkArchitecture
    # An update installs over the same folder: the one the last install recorded. Read in
    # the 64-bit registry view, where wails.writeUninstaller writes (InstallDirRegKey would
    # look in the 32-bit one).
    SetRegView 64
    ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
    SetRegView lastused
    StrCmp $0 "" +2
        StrCpy $INSTDIR $0
FunctionEnd

Section
    !insertmacro wails.setShellContext
    !insertmacro wails.webview2runtime

    SetOutPath $INSTDIR
    !insertmacro wails.files

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    CreateShortCut "$DESKTOP\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    !insertmacro wails.writeUninstaller
    SetRegView 64
    WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
SectionEnd

# Uninstalling removes the program and nothing a person wrote: the data folder
# (%APPDATA%\Goldseam, or a --data-dir folder) is never named here. scripts/identity's
# test fails if this section ever names it.
Section "uninstall"
    !insertmacro wails.setShellContext

    # The web view's cache (WebView2 keeps it in a folder named after the program, not
    # the data folder); it holds nothing of the person's.
    RMDir /r "$AppData\${PRODUCT_EXECUTABLE}"

    # Only what the installer put there, then the folder if that left it empty: a person
    # may have chosen a folder that holds other things.
    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    !insertmacro wails.deleteUninstaller
    RMDir $INSTDIR

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    Delete "$DESKTOP\${INFO_PRODUCTNAME}.lnk"
SectionEnd
