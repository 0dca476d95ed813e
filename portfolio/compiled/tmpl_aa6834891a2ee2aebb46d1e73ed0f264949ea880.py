from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'archive.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('base.html', 'archive.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'archive.html').make_module(context.get_all(), True, {'m': l_0_m})
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'Archive'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_ev = resolve('ev')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['amount']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'amount' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<header class="page-head">\n  <h1>Archive</h1>\n  <p class="lede">'
    yield escape(t_2(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'activities')))
    yield ' activities by year of completion.</p>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'by_year'):
        pass
        yield '  <nav aria-label="Years"><ul class="tags">'
        for (l_1_year, l_1_items) in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'by_year'):
            _loop_vars = {}
            pass
            yield '<li><a class="tag" href="#year-'
            yield escape(l_1_year)
            yield '">'
            yield escape(l_1_year)
            yield '</a></li>'
        l_1_year = l_1_items = missing
        yield '</ul></nav>\n'
    yield '</header>\n'
    l_1_loop = missing
    t_3 = 1
    for (l_1_year, l_1_items), l_1_loop in LoopContext(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'by_year'), undefined):
        l_1_m = resolve('m')
        _loop_vars = {}
        pass
        yield '<section aria-labelledby="year-'
        yield escape(l_1_year)
        yield '">\n  <h2 id="year-'
        yield escape(l_1_year)
        yield '">'
        yield escape(l_1_year)
        yield ' <span class="count">('
        yield escape(t_2(l_1_items))
        yield ' '
        yield escape(('activity' if (t_2(l_1_items) == 1) else 'activities'))
        yield ')</span></h2>\n'
        if (l_1_year in environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'by_year')):
            pass
            yield '  <p class="sub">Documented: '
            l_2_loop = missing
            for (l_2_type, l_2_total), l_2_loop in LoopContext(context.call(environment.getattr(environment.getitem(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'by_year'), l_1_year), 'items'), _loop_vars=_loop_vars), undefined):
                _loop_vars = {}
                pass
                yield escape(t_1(l_2_total))
                yield ' '
                yield escape(l_2_type)
                yield escape((' · ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 16 in 'archive.html' evaluated to false and no else section was defined.")))
            l_2_loop = l_2_type = l_2_total = missing
            yield '</p>\n'
        yield '  '
        yield escape(context.call(environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'activity_table'), l_1_items, markup_join(('Activities completed in ', l_1_year, )), _loop_vars=_loop_vars))
        yield '\n</section>\n'
        t_3 = 0
    l_1_loop = l_1_year = l_1_items = l_1_m = missing
    if t_3:
        pass
        yield '<p class="muted">No activities yet.</p>\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '1=13&2=16&3=20&4=30&7=53&8=55&9=58&12=71&13=76&14=78&15=86&16=90&18=100'