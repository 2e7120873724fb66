"""The look: Fusion with a light, calm palette and a few named styles.

Widgets get object names (``pageHeading``, ``helpText``, ``finding-violation``
...) and the sheet below styles them, so no widget sets colours itself.
"""

STYLE_SHEET = """
QLabel#pageHeading { font-size: 17pt; font-weight: 600; color: #1f2d3d; padding-bottom: 2px; }
QLabel#pageIntro { color: #4a5868; padding-bottom: 10px; }
QLabel#questionText { font-weight: 600; color: #1f2d3d; }
QLabel#helpText { color: #5f6b78; }
QLabel#fieldError { color: #b3261e; }
QWidget#pageBody, QWidget#findingsBody { background: #ffffff; }
QScrollArea { background: #ffffff; }
QTreeWidget#sectionList { border: none; background: #f4f6f8; padding: 4px; }
QTreeWidget#sectionList::item { padding: 4px 2px; }
QTreeWidget#sectionList::item:selected { background: #dbe7f5; color: #1f2d3d; }
QLabel#findingsSummary { font-size: 12pt; font-weight: 600; color: #1f2d3d; padding: 4px 2px 8px 2px; }
QLabel#findingsIncomplete, QLabel#previewNotReady { color: #8a5a00; background: #fff6dd; border: 1px solid #f0d48a;
    border-radius: 4px; padding: 6px 8px; }
QLabel#documentsHeading { font-weight: 600; color: #1f2d3d; padding-top: 8px; }
QLabel#documentsList { color: #3b4755; }
QFrame[severity] { border-radius: 6px; border: 1px solid #d8dde3; background: #fbfcfd; }
QFrame[severity="violation"] { border-left: 4px solid #c62828; background: #fdf5f5; }
QFrame[severity="obligation"] { border-left: 4px solid #e0a100; background: #fffaf0; }
QFrame[severity="advisory"] { border-left: 4px solid #1e6fc2; background: #f4f8fd; }
QFrame[severity]:focus { border: 2px solid #1e6fc2; }
QFrame[severity] QLabel { background: transparent; border: none; }
QLabel#findingTitle { font-weight: 600; color: #1f2d3d; }
QLabel#findingMeta { color: #5f6b78; font-size: 9pt; }
QLabel#previewMessage { color: #5f6b78; }
QWidget#welcomeBody { background: #ffffff; }
QLabel#welcomeHeading { font-size: 12pt; font-weight: 600; color: #1f2d3d; padding-top: 14px; }
QLabel#welcomeSubheading { font-weight: 600; color: #3b4755; padding-top: 10px; }
QPushButton[welcome="true"] { text-align: left; padding: 6px 12px; }
"""
