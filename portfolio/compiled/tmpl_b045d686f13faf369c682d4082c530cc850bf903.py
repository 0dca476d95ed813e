from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'transcript.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('base.html', 'transcript.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'transcript.html').make_module(context.get_all(), True, {'m': l_0_m})
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
    yield 'Transcript'

def block_content(context, missing=missing):
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
    l_0_ev = resolve('ev')
    l_0_site = resolve('site')
    l_0_late = resolve('late')
    try:
        t_1 = environment.filters['amount']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'amount' found.")
    try:
        t_2 = environment.filters['date']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'date' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['upper']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'upper' found.")
    try:
        t_5 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    pass
    yield '<header class="page-head">\n  <h1>CME transcript</h1>\n  <p class="lede">'
    yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty'):
        pass
        yield ' · '
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty'))
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'npi'):
        pass
        yield ' · NPI '
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'npi'))
    yield '</p>\n  <p class="asof">Every activity on record as of <time datetime="'
    yield escape(context.call(environment.getattr((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of), 'isoformat'), _block_vars=_block_vars))
    yield '">'
    yield escape(t_2((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield '</time>. Only documented activities count toward totals.</p>\n'
    if (undefined(name='has_pdf') if l_0_has_pdf is missing else l_0_has_pdf):
        pass
        yield '<p><a class="button" href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'transcript.pdf">Download the PDF transcript</a> — for a credentialing committee, with the SHA-256 of every certificate.</p>'
    yield '</header>\n\n<div class="two-col">\n<section class="card" aria-labelledby="tot-h">\n  <h2 id="tot-h">Totals per credit type</h2>\n'
    if environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'totals'):
        pass
        yield '  <table class="compact">\n    <caption class="visually-hidden">Documented credit per credit type</caption>\n    <thead><tr><th scope="col">Credit type</th><th scope="col" class="num">Documented</th></tr></thead>\n    <tbody>\n'
        for (l_1_type, l_1_total) in context.call(environment.getattr(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'totals'), 'items'), _block_vars=_block_vars):
            _loop_vars = {}
            pass
            yield '    <tr><th scope="row">'
            yield escape(l_1_type)
            yield '</th><td class="num">'
            yield escape(t_1(l_1_total))
            yield '</td></tr>\n'
        l_1_type = l_1_total = missing
        yield '    </tbody>\n  </table>\n  <p class="sub">Credit types certify the same hours under different systems; they are never added together.</p>\n'
    else:
        pass
        yield '  <p class="muted">No documented credit yet.</p>\n'
    yield '</section>\n\n<section class="card" aria-labelledby="split-h">\n  <h2 id="split-h">Activities by status</h2>\n  <table class="compact">\n    <caption class="visually-hidden">Number of activities per status</caption>\n    <thead><tr><th scope="col">Status</th><th scope="col" class="num">Activities</th></tr></thead>\n    <tbody>\n'
    for l_1_g in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'states'):
        l_1_m = resolve('m')
        _loop_vars = {}
        pass
        yield '    <tr><th scope="row"><span class="badge badge-'
        yield escape(environment.getattr(l_1_g, 'state'))
        yield '">'
        yield escape(context.call(environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'icon'), environment.getattr(l_1_g, 'state'), _loop_vars=_loop_vars))
        yield '<span>'
        yield escape(environment.getattr(l_1_g, 'label'))
        yield '</span></span><div class="sub">'
        yield escape(environment.getattr(l_1_g, 'explained'))
        yield '</div></th><td class="num">'
        yield escape(environment.getattr(l_1_g, 'count'))
        yield '</td></tr>\n'
    l_1_g = l_1_m = missing
    yield '    </tbody>\n  </table>\n</section>\n</div>\n\n'
    for l_1_g in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'states'):
        l_1_m = resolve('m')
        _loop_vars = {}
        pass
        if environment.getattr(l_1_g, 'count'):
            pass
            yield '<section aria-labelledby="list-'
            yield escape(environment.getattr(l_1_g, 'state'))
            yield '">\n  <h2 id="list-'
            yield escape(environment.getattr(l_1_g, 'state'))
            yield '">'
            yield escape(environment.getattr(l_1_g, 'label'))
            yield ' <span class="count">('
            yield escape(environment.getattr(l_1_g, 'count'))
            yield ')</span></h2>\n  <p class="sub">'
            yield escape(t_4(environment.getattr(l_1_g, 'explained')[:1]))
            yield escape(environment.getattr(l_1_g, 'explained')[1:])
            yield '.</p>\n  '
            yield escape(context.call(environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'activity_table'), environment.getattr(l_1_g, 'activities'), markup_join((environment.getattr(l_1_g, 'label'), ' activities', )), _loop_vars=_loop_vars))
            yield '\n</section>\n'
    l_1_g = l_1_m = missing
    yield '\n'
    if environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'history'):
        pass
        l_0_late = context.call(environment.getattr(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'history'), 'late'), environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'activities'), _block_vars=_block_vars)
        _block_vars['late'] = l_0_late
        if (undefined(name='late') if l_0_late is missing else l_0_late):
            pass
            yield '<section aria-labelledby="late-h">\n  <h2 id="late-h">Recorded late <span class="count">('
            yield escape(t_3((undefined(name='late') if l_0_late is missing else l_0_late)))
            yield ')</span></h2>\n  <p class="sub">First committed to git more than '
            yield escape(environment.getattr(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'history'), 'late_days'))
            yield ' days after the activity. A committee may ask for the certificate behind these.</p>\n  <div class="table-wrap" role="region" aria-label="Activities recorded late" tabindex="0">\n  <table class="compact">\n    <caption class="visually-hidden">Activities first recorded more than '
            yield escape(environment.getattr(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'history'), 'late_days'))
            yield ' days after they took place</caption>\n    <thead><tr><th scope="col">Activity</th><th scope="col">Completed</th><th scope="col">Recorded on</th><th scope="col" class="num">Days later</th></tr></thead>\n    <tbody>\n'
            for l_1_item in (undefined(name='late') if l_0_late is missing else l_0_late):
                _loop_vars = {}
                pass
                yield '    <tr><th scope="row"><a href="'
                yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                yield escape(t_5(environment.getattr(environment.getattr(l_1_item, 'activity'), 'page')))
                yield '">'
                yield escape(environment.getattr(environment.getattr(l_1_item, 'activity'), 'title'))
                yield '</a></th><td><time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'activity'), 'completed'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_2(environment.getattr(environment.getattr(l_1_item, 'activity'), 'completed')))
                yield '</time></td><td><time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr(l_1_item, 'recorded_on'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_2(environment.getattr(l_1_item, 'recorded_on')))
                yield '</time></td><td class="num">'
                yield escape(environment.getattr(l_1_item, 'days'))
                yield '</td></tr>\n'
            l_1_item = missing
            yield '    </tbody>\n  </table>\n  </div>\n</section>\n'
    yield '\n'
    if environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'topic_totals'):
        pass
        yield '<section aria-labelledby="topic-h">\n  <h2 id="topic-h">Documented credit per topic</h2>\n  <div class="table-wrap" role="region" aria-label="Documented credit per topic" tabindex="0">\n  <table class="compact">\n    <caption class="visually-hidden">Documented credit per topic</caption>\n    <thead><tr><th scope="col">Topic</th><th scope="col" class="num">Activities tagged with it</th><th scope="col" class="num">Topic credits</th></tr></thead>\n    <tbody>\n'
        for (l_1_topic, l_1_split) in context.call(environment.getattr(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'topic_split'), 'items'), _block_vars=_block_vars):
            _loop_vars = {}
            pass
            yield '    <tr><th scope="row">'
            yield escape(l_1_topic)
            yield '</th><td class="num">'
            yield escape((t_1(environment.getattr(l_1_split, 'tagged')) if environment.getattr(l_1_split, 'tagged') else '–'))
            yield '</td><td class="num">'
            yield escape((t_1(environment.getattr(l_1_split, 'partial')) if environment.getattr(l_1_split, 'partial') else '–'))
            yield '</td></tr>\n'
        l_1_topic = l_1_split = missing
        yield '    </tbody>\n  </table>\n  </div>\n  <p class="sub">Activities tagged with it: their whole credit (a three-day meeting tagged “cardiology” brings all of it, not hours of cardiology). Topic credits: what certificates gave to the topic itself, written <code>{topic, credits}</code>.</p>\n</section>\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '1=13&2=16&3=20&4=30&7=76&8=86&9=90&15=96&20=99&21=103&37=113&38=118&45=130&46=134&47=137&48=139&49=145&50=148&55=152&56=156&58=159&59=161&62=163&65=165&66=169&75=187&83=190&84=194'