from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_profile = resolve('profile')
    l_0_root = resolve('root')
    l_0_section = resolve('section')
    l_0_m = missing
    pass
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'base.html').make_module(context.get_all(), True, {'m': l_0_m})
    context.exported_vars.discard('m')
    yield '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex, nofollow">\n<meta name="referrer" content="no-referrer">\n<meta name="color-scheme" content="light dark">\n<title>'
    yield from context.blocks['title'][0](context)
    yield ' — '
    yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
    yield '</title>\n<link rel="stylesheet" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'static/style.css">\n<link rel="stylesheet" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'static/print.css" media="print">\n'
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body class="page-'
    yield escape((undefined(name='section') if l_0_section is missing else l_0_section))
    yield '">\n<a class="skip-link" href="#main">Skip to content</a>\n'
    yield from context.blocks['header'][0](context)
    yield '<main id="main" class="wrap" tabindex="-1">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n'
    yield from context.blocks['footer'][0](context)
    yield '</body>\n</html>\n'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_profile = resolve('profile')
    pass
    yield escape(environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'site'), 'title'))

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_header(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_root = resolve('root')
    l_0_m = resolve('m')
    l_0_profile = resolve('profile')
    pass
    yield '<header class="site-header">\n  <div class="wrap header-inner">\n    <a class="brand" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">\n      <span class="brand-mark" aria-hidden="true">'
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), 'cross', _block_vars=_block_vars))
    yield '</span>\n      <span class="brand-text">\n        <span class="brand-name">'
    yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
    yield '</span>\n        <span class="brand-title">'
    yield escape(environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'site'), 'title'))
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty'):
        pass
        yield ' · '
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty'))
    yield '</span>\n      </span>\n    </a>\n'
    yield from context.blocks['nav'][0](context)
    yield '  </div>\n</header>\n'

def block_nav(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '    <nav class="site-nav" aria-label="Site">\n      <ul>\n'
    for (l_1_key, l_1_href, l_1_label) in [('dashboard', 'index.html', 'Dashboard'), ('transcript', 'transcript.html', 'Transcript'), ('archive', 'archive.html', 'Archive'), ('topics', 'topics.html', 'Topics')]:
        l_1_root = resolve('root')
        l_1_section = resolve('section')
        _loop_vars = {}
        pass
        yield '        <li><a href="'
        yield escape((undefined(name='root') if l_1_root is missing else l_1_root))
        yield escape(l_1_href)
        yield '"'
        if ((undefined(name='section') if l_1_section is missing else l_1_section) == l_1_key):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(l_1_label)
        yield '</a></li>\n'
    l_1_key = l_1_href = l_1_label = l_1_root = l_1_section = missing
    yield '      </ul>\n    </nav>\n'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_footer(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_profile = resolve('profile')
    l_0_as_of = resolve('as_of')
    l_0_has_pdf = resolve('has_pdf')
    l_0_root = resolve('root')
    try:
        t_1 = environment.filters['date']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'date' found.")
    pass
    yield '<footer class="site-footer">\n  <div class="wrap footer-inner">\n    <p>'
    yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'npi'):
        pass
        yield ' · NPI '
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'npi'))
    yield ' · figures as of <time datetime="'
    yield escape(context.call(environment.getattr((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of), 'isoformat'), _block_vars=_block_vars))
    yield '">'
    yield escape(t_1((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield '</time></p>\n    <p>Private record, not for indexing. Downloads: '
    if (undefined(name='has_pdf') if l_0_has_pdf is missing else l_0_has_pdf):
        pass
        yield '<a href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'transcript.pdf">PDF transcript</a> · '
    yield '<a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'transcript.csv">CSV</a> · <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'transcript.json">JSON</a></p>\n  </div>\n</footer>\n'

blocks = {'title': block_title, 'head': block_head, 'header': block_header, 'nav': block_nav, 'content': block_content, 'footer': block_footer}
debug_info = '1=15&10=18&11=22&12=24&13=26&15=28&17=30&40=32&42=34&10=37&13=48&17=57&20=69&21=71&23=73&24=75&27=81&30=93&31=99&40=111&42=120&45=139&46=149'